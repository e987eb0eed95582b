package io.medsync.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.medsync.crypto.RotationResult.TableRotation;
import io.medsync.testing.LogCapture;

/**
 * Key rotation on a real database: payloads of ledger records and dead letters sealed under a retired key are
 * re-sealed under the active one. The @QuarkusTest subclasses run it on H2 and on PostgreSQL.
 */
abstract class KeyRotationContract {

    // Test-only keys: "old" is being retired, "new" is active after the rotation.
    private static final String OLD_KEY = "bm90LWEtcmVhbC1rZXktb2xkLTMyLWJ5dGVzLWxvbmc=";
    private static final String NEW_KEY = "bm90LWEtcmVhbC1rZXktbmV3LTMyLWJ5dGVzLWxvbmc=";
    private static final String RING = "old:" + OLD_KEY + ",new:" + NEW_KEY;
    private static final String TENANT = "rotation-test";
    // Made-up PHI: what must never appear in a column, a log line or an exception.
    private static final String PATIENT =
            "{\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"bio\":{\"date_of_birth\":\"1815-12-10\"}}";

    private final PayloadCipher beforeRotation = new PayloadCipher(RING, "old");
    private final PayloadCipher afterRotation = new PayloadCipher(RING, "new");

    @Inject
    DataSource dataSource;

    @Inject
    PayloadCipher applicationCipher;

    @Inject
    KeyRotation applicationRotation;

    abstract String expectedDatabase();

    @BeforeEach
    void emptyPayloadTables() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("delete from dead_letter");
            s.executeUpdate("delete from ledger_record");
            s.executeUpdate("delete from nextgen_enrolment");
            s.executeUpdate("delete from novamed_event");
        }
    }

    @Test
    void novaMedTrackingUrlsUnderARetiredKeyAreResealedAndStillOpen() throws SQLException {
        String url = "https://track.example/shipments/abc";
        String context = PayloadContext.novaMedTracking("shipment:created", "ord-1");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into novamed_event (event_name, event_key, tracking_key_id, tracking_url, status, received_at)"
                        + " values ('shipment:created', 'ord-1', 'old', ?, 'PROCESSED', ?)")) {
            ps.setString(1, beforeRotation.sealString(url, context).ciphertext());
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }

        RotationResult result = new KeyRotation(dataSource, afterRotation).reencrypt();

        assertThat(result.novaMedTrackingUrls()).isEqualTo(new TableRotation(1, 0));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select tracking_key_id, tracking_url from novamed_event")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("new");
            assertThat(new PayloadCipher("new:" + NEW_KEY, "new").openString("new", rs.getString(2), context))
                    .isEqualTo(url);
        }
    }

    @Test
    void nextGenTokensUnderARetiredKeyAreResealedAndStillOpen() throws SQLException {
        String access = "access-token-of-pt-9";
        String refresh = "refresh-token-of-pt-9";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into nextgen_enrolment (tenant_id, patient_id, state, token_key_id, access_token,"
                        + " access_expires_at, refresh_token, refresh_issued_at, enrolled_at, updated_at)"
                        + " values (?, 'pt-9', 'ACTIVE', 'old', ?, ?, ?, ?, ?, ?)")) {
            Timestamp now = Timestamp.from(Instant.now());
            ps.setString(1, TENANT);
            ps.setString(2, beforeRotation.sealString(access, PayloadContext.nextGenToken(TENANT, "pt-9", "access"))
                    .ciphertext());
            ps.setTimestamp(3, now);
            ps.setString(4, beforeRotation.sealString(refresh, PayloadContext.nextGenToken(TENANT, "pt-9", "refresh"))
                    .ciphertext());
            ps.setTimestamp(5, now);
            ps.setTimestamp(6, now);
            ps.setTimestamp(7, now);
            ps.executeUpdate();
        }

        RotationResult result = new KeyRotation(dataSource, afterRotation).reencrypt();

        assertThat(result.nextGenTokens()).isEqualTo(new TableRotation(1, 0));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select token_key_id, access_token, refresh_token from nextgen_enrolment")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("new");
            PayloadCipher newOnly = new PayloadCipher("new:" + NEW_KEY, "new");
            assertThat(newOnly.openString("new", rs.getString(2), PayloadContext.nextGenToken(TENANT, "pt-9", "access")))
                    .isEqualTo(access);
            assertThat(newOnly.openString("new", rs.getString(3), PayloadContext.nextGenToken(TENANT, "pt-9", "refresh")))
                    .isEqualTo(refresh);
        }
    }

    @Test
    void runsOnTheDatabaseItIsMeantFor() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo(expectedDatabase());
        }
    }

    @Test
    void payloadsUnderARetiredKeyAreResealedUnderTheActiveKey() throws SQLException {
        long record = insertLedgerRecord("p-1", beforeRotation.sealString(PATIENT, context("p-1")));
        long deadLetter = insertDeadLetter("p-2", beforeRotation.sealString(PATIENT, context("p-2")));
        SealedPayload alreadyNew = afterRotation.sealString(PATIENT, context("p-3"));
        long current = insertLedgerRecord("p-3", alreadyNew);
        long noPayload = insertLedgerRecord("p-4", null);
        assertThat(stored("ledger_record", record).ciphertext()).doesNotContain("Lovelace").doesNotContain("1815");

        RotationResult result = new KeyRotation(dataSource, afterRotation).reencrypt();

        assertThat(result).isEqualTo(new RotationResult("new", new TableRotation(1, 0), new TableRotation(1, 0),
                new TableRotation(0, 0), new TableRotation(0, 0)));
        assertResealed(stored("ledger_record", record), "p-1");
        assertResealed(stored("dead_letter", deadLetter), "p-2");
        assertThat(stored("ledger_record", current)).isEqualTo(alreadyNew);
        assertThat(stored("ledger_record", noPayload)).isEqualTo(new SealedPayload(null, null));
        assertThat(new KeyRotation(dataSource, afterRotation).reencrypt())
                .as("a second run has nothing left to do")
                .isEqualTo(new RotationResult("new", new TableRotation(0, 0), new TableRotation(0, 0),
                        new TableRotation(0, 0), new TableRotation(0, 0)));
    }

    @Test
    void everyRowIsReachedAcrossBatches() throws SQLException {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(insertLedgerRecord("b-" + i, beforeRotation.sealString(PATIENT, context("b-" + i))));
        }

        RotationResult result = new KeyRotation(dataSource, afterRotation, 2).reencrypt();

        assertThat(result.ledgerRecords()).isEqualTo(new TableRotation(5, 0));
        for (int i = 0; i < ids.size(); i++) {
            assertResealed(stored("ledger_record", ids.get(i)), "b-" + i);
        }
    }

    @Test
    void rowsThatCannotBeOpenedAreCountedAndLeftAsTheyAreWithoutLoggingPhi() throws SQLException {
        // A payload copied from another row fails its context check; one under a key no longer in the ring
        // cannot be opened at all.
        SealedPayload copied = beforeRotation.sealString(PATIENT, context("other-row"));
        long moved = insertLedgerRecord("c-1", copied);
        SealedPayload unknownKey = new PayloadCipher("gone:" + OLD_KEY, "gone").sealString(PATIENT, context("c-2"));
        long orphan = insertDeadLetter("c-2", unknownKey);
        long fine = insertLedgerRecord("c-3", beforeRotation.sealString(PATIENT, context("c-3")));

        RotationResult result;
        List<String> logLines;
        try (LogCapture log = LogCapture.start()) {
            result = new KeyRotation(dataSource, afterRotation, 2).reencrypt();
            logLines = log.lines();
        }

        assertThat(result).isEqualTo(new RotationResult("new", new TableRotation(1, 1), new TableRotation(0, 1),
                new TableRotation(0, 0), new TableRotation(0, 0)));
        assertThat(stored("ledger_record", moved)).isEqualTo(copied);
        assertThat(stored("dead_letter", orphan)).isEqualTo(unknownKey);
        assertResealed(stored("ledger_record", fine), "c-3");
        assertThat(logLines)
                .anySatisfy(line -> assertThat(line).contains("ledger_record row " + moved).contains("old"))
                .anySatisfy(line -> assertThat(line).contains("dead_letter row " + orphan).contains("gone"));
        assertThat(String.join("\n", logLines))
                .doesNotContain("Lovelace").doesNotContain("1815")
                .doesNotContain(OLD_KEY).doesNotContain(NEW_KEY)
                .doesNotContain(copied.ciphertext()).doesNotContain(TENANT + "/");
    }

    @Test
    void theApplicationRotatesToTheConfiguredActiveKey() throws SQLException {
        SealedPayload current = applicationCipher.sealString(PATIENT, context("a-1"));
        long upToDate = insertLedgerRecord("a-1", current);
        SealedPayload foreign = beforeRotation.sealString(PATIENT, context("a-2"));
        long unreadable = insertLedgerRecord("a-2", foreign);

        RotationResult result = applicationRotation.reencrypt();

        assertThat(result.activeKeyId()).isEqualTo(applicationCipher.activeKeyId()).isEqualTo("sandbox-v1");
        assertThat(result.ledgerRecords()).isEqualTo(new TableRotation(0, 1));
        assertThat(stored("ledger_record", upToDate)).isEqualTo(current);
        assertThat(stored("ledger_record", unreadable)).isEqualTo(foreign);
    }

    private void assertResealed(SealedPayload stored, String sourceId) {
        assertThat(stored.keyId()).isEqualTo("new");
        assertThat(stored.ciphertext()).doesNotContain("Lovelace").doesNotContain("1815");
        assertThat(afterRotation.openString(stored.keyId(), stored.ciphertext(), context(sourceId)))
                .isEqualTo(PATIENT);
    }

    private static String context(String sourceId) {
        return PayloadContext.of(TENANT, "NEXHEALTH", "PATIENT", sourceId);
    }

    private long insertLedgerRecord(String sourceId, SealedPayload payload) throws SQLException {
        return insert("insert into ledger_record (tenant_id, source_system, resource_type, source_id, content_hash,"
                + " state, created_at, updated_at, payload_key_id, payload)"
                + " values (?, ?, ?, ?, 'h1', 'PENDING', ?, ?, ?, ?)",
                sourceId, payload, true);
    }

    private long insertDeadLetter(String sourceId, SealedPayload payload) throws SQLException {
        return insert("insert into dead_letter (tenant_id, source_system, resource_type, source_id, stage, reason,"
                + " attempts, status, created_at, payload_key_id, payload)"
                + " values (?, ?, ?, ?, 'push', 'HTTP 422', 1, 'OPEN', ?, ?, ?)", sourceId, payload, false);
    }

    private long insert(String sql, String sourceId, SealedPayload payload, boolean hasUpdatedAt) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql, new String[] { "id" })) {
            int i = 1;
            ps.setString(i++, TENANT);
            ps.setString(i++, "NEXHEALTH");
            ps.setString(i++, "PATIENT");
            ps.setString(i++, sourceId);
            ps.setTimestamp(i++, now);
            if (hasUpdatedAt) {
                ps.setTimestamp(i++, now);
            }
            ps.setString(i++, payload == null ? null : payload.keyId());
            ps.setString(i, payload == null ? null : payload.ciphertext());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private SealedPayload stored(String table, long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select payload_key_id, payload from " + table + " where id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("%s row %d exists", table, id).isTrue();
                return new SealedPayload(rs.getString(1), rs.getString(2));
            }
        }
    }
}
