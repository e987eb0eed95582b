package io.medsync.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pruning job, table by table, on the Flyway schema: rows older than their table's retention go, younger ones
 * and open work (open dead letters, unprocessed events, unpublished outbox rows) stay; sealed payloads of delivered
 * records and closed dead letters are cleared while their key, state and hash stay.
 */
class RetentionTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    /** Every retention is 10 days here: "old" rows are 11 days old, "young" ones 9. */
    private static final Duration AGE = Duration.ofDays(10);
    private static final String OLD = "timestamp '2026-11-20 12:00:00'";
    private static final String YOUNG = "timestamp '2026-11-22 12:00:00'";

    private JdbcDataSource ds;
    private Retention retention;

    @BeforeEach
    void schema() {
        ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:retention-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        retention = new Retention(ds, new Ages(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void closedDeadLettersGoAfterTheirRetentionOpenOnesStay() throws SQLException {
        execute(deadLetter(1, "DISCARDED", OLD, null), deadLetter(2, "REPLAYED", YOUNG, null),
                deadLetter(3, "OPEN", null, null), deadLetter(4, "REPLAYED", YOUNG, 1L));

        assertThat(retention.prune()).containsEntry("dead_letter", 1);

        assertThat(ids("dead_letter")).isEqualTo("2,3,4");
    }

    @Test
    void processedWebhookEventsGoUnprocessedOnesStay() throws SQLException {
        execute(inbox(1, "DONE", OLD), inbox(2, "DONE", YOUNG), inbox(3, "PENDING", null));

        assertThat(retention.prune()).containsEntry("webhook_inbox", 1);

        assertThat(ids("webhook_inbox")).isEqualTo("2,3");
    }

    @Test
    void appointmentVersionsGoAfterTheirRetention() throws SQLException {
        execute(appointment(1, OLD), appointment(2, YOUNG));

        assertThat(retention.prune()).containsEntry("appointment_event", 1);

        assertThat(ids("appointment_event")).isEqualTo("2");
    }

    @Test
    void processedNovaMedEventsGoUnprocessedOnesStay() throws SQLException {
        execute(novaMedEvent(1, OLD), novaMedEvent(2, YOUNG), novaMedEvent(3, null));

        assertThat(retention.prune()).containsEntry("novamed_event", 1);

        assertThat(ids("novamed_event")).isEqualTo("2,3");
    }

    @Test
    void publishedOutboxRowsGoUnpublishedOnesStay() throws SQLException {
        execute(outbox(1, OLD), outbox(2, YOUNG), outbox(3, null));

        assertThat(retention.prune()).containsEntry("kafka_outbox", 1);

        assertThat(ids("kafka_outbox")).isEqualTo("2,3");
    }

    @Test
    void theAuditTrailAndRunHistoryGoAfterTheirRetention() throws SQLException {
        execute("insert into ops_audit (id, actor, role, action, endpoint, outcome, http_status, at) values"
                + " (1, 'olga', 'operator', 'tenant.pause', 'POST /ops/tenants/t/pause', 'ok', 200, " + OLD + "),"
                + " (2, 'olga', 'operator', 'tenant.resume', 'POST /ops/tenants/t/resume', 'ok', 200, " + YOUNG + ")",
                run(1, OLD), run(2, YOUNG));

        Map<String, Integer> pruned = retention.prune();

        assertThat(pruned).containsEntry("ops_audit", 1).containsEntry("sync_run", 1);
        assertThat(ids("ops_audit")).isEqualTo("2");
        assertThat(ids("sync_run")).isEqualTo("2");
    }

    @Test
    void sealedPayloadsOfDeliveredRecordsAreClearedAndTheRecordStays() throws SQLException {
        execute(record(1, "DELIVERED", OLD), record(2, "DELIVERED", YOUNG), record(3, "PARKED", OLD));

        Map<String, Integer> pruned = retention.prune();

        assertThat(pruned).containsEntry("ledger_record payloads", 1);
        assertThat(query("select id, state, content_hash, payload from ledger_record order by id"))
                .isEqualTo("1 DELIVERED h null|2 DELIVERED h sealed|3 PARKED h sealed");
    }

    @Test
    void sealedPayloadsOfClosedDeadLettersAreClearedBeforeTheLettersGo() throws SQLException {
        // Payloads have a shorter retention than dead letters (the defaults: 30 and 90 days).
        retention = new Retention(ds, new Ages() {
            @Override
            public Duration deadLetters() {
                return Duration.ofDays(100);
            }
        }, Clock.fixed(NOW, ZoneOffset.UTC));
        execute(deadLetter(1, "DISCARDED", OLD, null), deadLetter(2, "OPEN", null, null));
        execute("update dead_letter set payload_key_id = 'k1', payload = 'sealed'");

        assertThat(retention.prune()).containsEntry("dead_letter payloads", 1).containsEntry("dead_letter", 0);

        assertThat(query("select id, status, payload from dead_letter order by id"))
                .isEqualTo("1 DISCARDED null|2 OPEN sealed");
    }

    private static String deadLetter(long id, String status, String closedAt, Long replayOf) {
        return "insert into dead_letter (id, tenant_id, source_system, resource_type, source_id, stage, reason,"
                + " attempts, status, replay_of, created_at, closed_at) values (" + id + ", 't', 'NEXHEALTH',"
                + " 'PATIENT', '" + id + "', 'push', 'r', 1, '" + status + "', " + replayOf + ", " + OLD + ", "
                + closedAt + ")";
    }

    private static String inbox(long id, String status, String processedAt) {
        return "insert into webhook_inbox (id, source, event_name, subdomain, resource_type, resource_id, status,"
                + " received_at, processed_at) values (" + id + ", 'nexhealth', 'patient_updated', 's', 'Patient',"
                + " '1', '" + status + "', " + OLD + ", " + processedAt + ")";
    }

    private static String appointment(long id, String recordedAt) {
        return "insert into appointment_event (id, tenant_id, subdomain, location_id, appointment_id, status,"
                + " source_updated_at, recorded_at) values (" + id + ", 't', 's', 1, " + id + ", 'booked', "
                + recordedAt + ", " + recordedAt + ")";
    }

    private static String novaMedEvent(long id, String processedAt) {
        return "insert into novamed_event (id, event_name, event_key, status, received_at, processed_at) values ("
                + id + ", 'order:status', 'k" + id + "', 'DONE', " + OLD + ", " + processedAt + ")";
    }

    private static String outbox(long id, String publishedAt) {
        return "insert into kafka_outbox (id, kind, message_key, payload, created_at, published_at) values (" + id
                + ", 'outcomes', 'k', '{}', " + OLD + ", " + publishedAt + ")";
    }

    private static String run(long id, String finishedAt) {
        return "insert into sync_run (id, run_id, tenant_id, source, started_at, finished_at, outcome, pulled,"
                + " created, unchanged, drifted, failed, parked, in_doubt, still_failed, novamed_calls) values ("
                + id + ", 'r', 't', 'nexhealth', " + finishedAt + ", " + finishedAt + ", 'ok', 0, 0, 0, 0, 0, 0, 0,"
                + " 0, 0)";
    }

    private static String record(long id, String state, String updatedAt) {
        return "insert into ledger_record (id, tenant_id, source_system, resource_type, source_id, content_hash,"
                + " state, payload_key_id, payload, created_at, updated_at) values (" + id + ", 't', 'NEXHEALTH',"
                + " 'PATIENT', '" + id + "', 'h', '" + state + "', 'k1', 'sealed', " + OLD + ", " + updatedAt + ")";
    }

    private void execute(String... statements) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.executeUpdate(sql);
            }
        }
    }

    private String ids(String table) throws SQLException {
        return query("select id from " + table + " order by id").replace('|', ',');
    }

    /** Rows joined by '|', columns by ' '. */
    private String query(String sql) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                if (!out.isEmpty()) {
                    out.append('|');
                }
                for (int i = 1; i <= columns; i++) {
                    out.append(i > 1 ? " " : "").append(rs.getString(i));
                }
            }
        }
        return out.toString();
    }

    /** Every retention {@link #AGE}. */
    private static class Ages implements RetentionSettings {
        @Override
        public String schedule() {
            return "off";
        }

        @Override
        public Duration deadLetters() {
            return AGE;
        }

        @Override
        public Duration webhookInbox() {
            return AGE;
        }

        @Override
        public Duration appointmentEvents() {
            return AGE;
        }

        @Override
        public Duration novamedEvents() {
            return AGE;
        }

        @Override
        public Duration outbox() {
            return AGE;
        }

        @Override
        public Duration audit() {
            return AGE;
        }

        @Override
        public Duration runHistory() {
            return AGE;
        }

        @Override
        public Duration payloads() {
            return AGE;
        }
    }
}
