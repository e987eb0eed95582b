package io.medsync.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

class UniqueKeyViolationTest {

    @Test
    void aDuplicateKeyOnH2IsAUniqueKeyViolation() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:unique-key-violation");
                Statement s = c.createStatement()) {
            s.execute("create table t (id int primary key, name varchar(10) not null)");
            s.execute("insert into t values (1, 'a')");

            SQLException duplicate = catchThrowableOfType(SQLException.class,
                    () -> s.execute("insert into t values (1, 'b')"));
            SQLException missingName = catchThrowableOfType(SQLException.class,
                    () -> s.execute("insert into t values (2, null)"));

            assertThat(UniqueKeyViolation.is(duplicate)).isTrue();
            assertThat(UniqueKeyViolation.is(missingName)).as("another constraint is not a unique key").isFalse();
        }
    }

    @Test
    void postgresqlReportsItOnABatchsNextExceptionOrAsTheCause() {
        // What the PostgreSQL driver throws: SQLSTATE 23505, on the batch's chained exception for a batch insert.
        SQLException duplicate = new SQLException("duplicate key value violates unique constraint", "23505");
        BatchUpdateException batch = new BatchUpdateException("batch entry 0 was aborted", "23505", new int[0]);
        BatchUpdateException batchWithNext = new BatchUpdateException("batch entry 0 was aborted", null, new int[0]);
        batchWithNext.setNextException(duplicate);

        assertThat(UniqueKeyViolation.is(duplicate)).isTrue();
        assertThat(UniqueKeyViolation.is(batch)).isTrue();
        assertThat(UniqueKeyViolation.is(batchWithNext)).isTrue();
        assertThat(UniqueKeyViolation.is(new SQLException("wrapped", null, duplicate))).isTrue();
        assertThat(UniqueKeyViolation.is(new SQLException("connection refused", "08001"))).isFalse();
    }
}
