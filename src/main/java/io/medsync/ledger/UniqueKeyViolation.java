package io.medsync.ledger;

import java.sql.SQLException;

/**
 * Whether a failed statement broke a unique key, the sign that a concurrent writer (or an earlier delivery of the
 * same event) inserted the row first. H2 and PostgreSQL both report it as SQLSTATE {@code 23505}; a batch reports it
 * on a chained exception, and some drivers wrap it as the cause.
 */
public final class UniqueKeyViolation {

    private static final String SQLSTATE = "23505";

    private UniqueKeyViolation() {
    }

    public static boolean is(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            if (SQLSTATE.equals(next.getSQLState())) {
                return true;
            }
        }
        return e != null && e.getCause() instanceof SQLException cause && SQLSTATE.equals(cause.getSQLState());
    }
}
