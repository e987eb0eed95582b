package io.medsync.ledger;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/** Runs statements as one transaction: a ledger change and the outbox event reporting it commit together. */
public final class JdbcTransaction {

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private JdbcTransaction() {
    }

    public static <T> T run(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }
}
