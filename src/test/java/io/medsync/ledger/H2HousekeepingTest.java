package io.medsync.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded H2 ledger file stays small while every commit is written through ({@code WRITE_DELAY=0}, as in
 * every profile): without housekeeping the same 3,000 records make a file of ~110 MB (one ~20 KB chunk per commit,
 * kept for H2's 45 s retention time).
 */
class H2HousekeepingTest {

    private static final int RECORDS = 3_000;

    @TempDir
    Path dir;

    @Test
    void theLedgerFileStaysSmallWhileEveryCommitIsWrittenThrough() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("ledger") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        ds.setUser("medsync");
        ds.setPassword("medsync");
        // Retention 0 keeps the test independent of the machine's speed (the app's 1 s only adds ~1 s of chunks).
        H2Housekeeping housekeeping = new H2Housekeeping(ds, Duration.ofSeconds(1), Duration.ZERO, true);
        Path file = dir.resolve("ledger.mv.db");
        long largest = 0;
        try (Connection c = ds.getConnection()) {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
            for (int i = 1; i <= RECORDS; i++) {
                deliver(c, "p-" + i);
                if (i % 100 == 0) {
                    housekeeping.compact();
                    largest = Math.max(largest, Files.size(file));
                }
            }
            assertThat(largest).as("largest ledger file size during the run").isLessThan(16L * 1024 * 1024);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "select count(*) from ledger_record where state = 'DELIVERED' and payload is null")) {
                rs.next();
                assertThat(rs.getInt(1)).as("every record delivered, nothing lost by compaction").isEqualTo(RECORDS);
            }
        }
    }

    @Test
    void onlyAnEmbeddedH2FileIsLookedAfter() throws Exception {
        assertThat(H2Housekeeping.isEmbeddedH2File("jdbc:h2:file:./data/medsync-ledger;WRITE_DELAY=0")).isTrue();
        assertThat(H2Housekeeping.isEmbeddedH2File("jdbc:h2:./data/medsync-ledger")).isTrue();
        assertThat(H2Housekeeping.isEmbeddedH2File("jdbc:h2:mem:medsync-test;DB_CLOSE_DELAY=-1")).isFalse();
        assertThat(H2Housekeeping.isEmbeddedH2File("jdbc:h2:tcp://db:9092/medsync")).isFalse();
        assertThat(H2Housekeeping.isEmbeddedH2File("jdbc:postgresql://db:5432/medsync")).isFalse();

        JdbcDataSource memory = new JdbcDataSource();
        memory.setURL("jdbc:h2:mem:housekeeping-test");
        assertThat(new H2Housekeeping(memory, Duration.ofSeconds(1), Duration.ZERO, true).compact())
                .as("an in-memory database has no file to compact").isFalse();
    }

    /** The ledger's commits for one record: pending, in flight with its sealed payload, delivered. */
    private static void deliver(Connection c, String sourceId) throws Exception {
        Timestamp now = new Timestamp(System.currentTimeMillis());
        String key = " where tenant_id = 't' and source_system = 'NEXHEALTH' and resource_type = 'PATIENT'"
                + " and source_id = ?";
        try (PreparedStatement pending = c.prepareStatement("insert into ledger_record (tenant_id, source_system,"
                + " resource_type, source_id, content_hash, state, created_at, updated_at)"
                + " values ('t', 'NEXHEALTH', 'PATIENT', ?, 'h', 'PENDING', ?, ?)");
                PreparedStatement inFlight = c.prepareStatement("update ledger_record set state = 'IN_FLIGHT',"
                        + " payload_key_id = 'k', payload = ?, updated_at = ?" + key);
                PreparedStatement delivered = c.prepareStatement("update ledger_record set state = 'DELIVERED',"
                        + " payload_key_id = null, payload = null, delivered_at = ?" + key)) {
            pending.setString(1, sourceId);
            pending.setTimestamp(2, now);
            pending.setTimestamp(3, now);
            pending.executeUpdate();
            inFlight.setString(1, "x".repeat(1400));
            inFlight.setTimestamp(2, now);
            inFlight.setString(3, sourceId);
            inFlight.executeUpdate();
            delivered.setTimestamp(1, now);
            delivered.setString(2, sourceId);
            delivered.executeUpdate();
        }
    }
}
