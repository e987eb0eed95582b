package io.medsync.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.medsync.crypto.SealedPayload;

/**
 * The ledger's verdicts and transitions, on a real database with the Flyway schema. Each database the ledger
 * supports gets a {@code @QuarkusTest} subclass (LedgerOnH2Test, LedgerOnPostgresTest) so the same SQL is held to
 * the same contract everywhere.
 */
abstract class LedgerContract {

    @Inject
    Ledger ledger;

    @Inject
    CursorStore cursors;

    @Inject
    AppointmentEvents appointments;

    @Inject
    DataSource dataSource;

    /** The JDBC product name of the database this subclass must run on, e.g. "H2" or "PostgreSQL". */
    abstract String expectedDatabase();

    @Test
    void runsOnTheDatabaseItIsMeantFor() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo(expectedDatabase());
        }
    }

    private static RecordKey freshKey() {
        return new RecordKey("ledger-test", SourceSystem.NEXHEALTH, ResourceType.PATIENT, UUID.randomUUID().toString());
    }

    @Test
    void aNewRecordIsPendingThenDeliveredThenUnchanged() {
        RecordKey key = freshKey();
        assertThat(ledger.check(key, "h1")).isEqualTo(Verdict.NEW);
        assertThat(ledger.find(key).orElseThrow().state()).isEqualTo(RecordState.PENDING);

        ledger.markInFlight(key, new SealedPayload("test-key", "c2VhbGVk"));
        assertThat(ledger.find(key).orElseThrow().state()).isEqualTo(RecordState.IN_FLIGHT);
        ledger.markDelivered(key, "nm-1");

        LedgerEntry delivered = ledger.find(key).orElseThrow();
        assertThat(delivered.state()).isEqualTo(RecordState.DELIVERED);
        assertThat(delivered.attempts()).isEqualTo(1);
        assertThat(ledger.novaMedId(key)).contains("nm-1");
        assertThat(ledger.check(key, "h1")).isEqualTo(Verdict.UNCHANGED);
    }

    @Test
    void aDeliveredRecordThatChangesDriftsOnceAndKeepsItsCrosswalk() {
        RecordKey key = freshKey();
        ledger.check(key, "h1");
        ledger.markDelivered(key, "nm-2");

        assertThat(ledger.check(key, "h2")).isEqualTo(Verdict.DRIFTED);
        assertThat(ledger.check(key, "h2")).isEqualTo(Verdict.UNCHANGED);
        assertThat(ledger.check(key, "h3")).isEqualTo(Verdict.DRIFTED);
        assertThat(ledger.find(key).orElseThrow().state()).isEqualTo(RecordState.DRIFTED);
        assertThat(ledger.novaMedId(key)).as("a drifted record still exists in NovaMed").contains("nm-2");
    }

    /** Issue 15: the first run after a mapping upgrade re-baselines delivered records instead of drifting them. */
    @Test
    void aRecordHashedByAnOlderMappingIsReBaselinedNotDrifted() {
        RecordKey key = freshKey();
        String unversioned = "ab".repeat(32);
        ledger.check(key, unversioned);
        ledger.markDelivered(key, "nm-rebaseline");
        String current = ContentHash.of(java.util.Map.of("field", "value"));

        assertThat(ledger.check(key, current)).isEqualTo(Verdict.UNCHANGED);
        assertThat(ledger.find(key).orElseThrow().contentHash()).isEqualTo(current);
        assertThat(ledger.find(key).orElseThrow().state()).isEqualTo(RecordState.DELIVERED);
        // A real change afterwards is drift as before.
        assertThat(ledger.check(key, ContentHash.of(java.util.Map.of("field", "changed"))))
                .isEqualTo(Verdict.DRIFTED);
    }

    @Test
    void aFailedRecordIsRetriedOnlyWhenItsContentChanges() {
        RecordKey key = freshKey();
        ledger.check(key, "h1");
        ledger.markFailed(key, "mapping: patient bio.date_of_birth is missing", null);

        assertThat(ledger.check(key, "h1")).isEqualTo(Verdict.UNRESOLVED);
        assertThat(ledger.check(key, "h2")).isEqualTo(Verdict.RETRY);
        assertThat(ledger.find(key).orElseThrow().state()).isEqualTo(RecordState.PENDING);
        assertThat(ledger.novaMedId(key)).isEmpty();
    }

    @Test
    void aRecordInFlightBelongsToItsWorkerUntilReleasedThenIsRetried() {
        RecordKey key = freshKey();
        ledger.check(key, "h1");
        ledger.markInFlight(key, new SealedPayload("test-key", "c2VhbGVk"));

        assertThat(ledger.check(key, "h1")).as("another worker is sending it").isEqualTo(Verdict.UNCHANGED);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> ledger.markInFlight(key, new SealedPayload("test-key", "c2VhbGVk")))
                .isInstanceOf(ConcurrentDeliveryException.class);

        ledger.release(key); // what start-up recovery does for a crashed process's records
        assertThat(ledger.check(key, "h1")).isEqualTo(Verdict.RETRY);
        ledger.markInFlight(key, new SealedPayload("test-key", "c2VhbGVk"));
        assertThat(ledger.find(key).orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void cursorsResumeAnInterruptedRunAndMoveTheWatermarkOnlyOnCompletion() {
        CursorKey key = new CursorKey("ledger-test", SourceSystem.NEXHEALTH, ResourceType.PATIENT,
                "location:" + UUID.randomUUID());
        assertThat(cursors.load(key)).isEqualTo(SyncCursor.NONE);

        Instant started = Instant.parse("2026-01-01T10:00:00Z");
        cursors.savePage(key, null, "cursor-after-page-1", started);
        SyncCursor interrupted = cursors.load(key);
        assertThat(interrupted.interrupted()).isTrue();
        assertThat(interrupted.pageCursor()).isEqualTo("cursor-after-page-1");
        assertThat(interrupted.runStartedAt()).isEqualTo(started);
        assertThat(interrupted.watermark()).isNull();

        cursors.complete(key, started.minusSeconds(300));
        SyncCursor done = cursors.load(key);
        assertThat(done.interrupted()).isFalse();
        assertThat(done.pageCursor()).isNull();
        assertThat(done.watermark()).isEqualTo(started.minusSeconds(300));
    }

    @Test
    void aPageIsReadInOneGoItsNewRecordsArePendingAndEachKeyAnswersOnce() {
        RecordKey fresh = freshKey();
        RecordKey delivered = freshKey();
        RecordKey changed = freshKey();
        RecordKey failed = freshKey();
        ledger.check(delivered, "d1");
        ledger.markDelivered(delivered, "nm-page-1");
        ledger.check(changed, "c1");
        ledger.markDelivered(changed, "nm-page-2");
        ledger.check(failed, "f1");
        ledger.markFailed(failed, "mapping: patient bio.date_of_birth is missing", null);

        Map<RecordKey, String> page = new LinkedHashMap<>();
        page.put(fresh, "n1");
        page.put(delivered, "d1");
        page.put(changed, "c2");
        page.put(failed, "f1");
        LedgerPage prepared = ledger.preparePage(page);

        assertThat(ledger.find(fresh).orElseThrow().state()).as("inserted with the page").isEqualTo(RecordState.PENDING);
        assertThat(ledger.check(fresh, "n1", prepared)).isEqualTo(Verdict.NEW);
        assertThat(ledger.check(delivered, "d1", prepared)).isEqualTo(Verdict.UNCHANGED);
        assertThat(ledger.check(changed, "c2", prepared)).isEqualTo(Verdict.DRIFTED);
        assertThat(ledger.check(failed, "f1", prepared)).isEqualTo(Verdict.UNRESOLVED);
        assertThat(prepared.size()).isZero();

        // The same record again within the page (a released dependent): decided on its current row.
        ledger.markInFlight(fresh, new SealedPayload("test-key", "c2VhbGVk"));
        assertThat(ledger.check(fresh, "n1", prepared)).as("in flight with another worker").isEqualTo(Verdict.UNCHANGED);
    }

    @Test
    void aPageWhoseRecordAnotherWorkerInsertedLeavesEveryRecordToItsOwnCheck() {
        RecordKey raced = freshKey();
        Map<RecordKey, String> page = Map.of(raced, "r1");
        Map<RecordKey, LedgerEntry> before = ledger.findAll(page.keySet());
        assertThat(before).isEmpty();
        ledger.check(raced, "r1");

        LedgerPage prepared = ledger.preparePage(page);
        assertThat(ledger.check(raced, "r1", prepared)).as("pending, inserted by the other worker").isEqualTo(Verdict.RETRY);
    }

    /** A re-sync reads every appointment again: the versions already recorded are found for a whole page at once. */
    @Test
    void aPageOfAppointmentsIsCheckedForTheVersionsAlreadyRecorded() {
        String tenant = "appointments-" + UUID.randomUUID();
        Instant start = Instant.parse("2026-12-01T09:00:00Z");
        Instant v1 = Instant.parse("2026-11-30T10:15:30.123Z");
        AppointmentEvents.Event recorded = appointment(tenant, 501, v1, start);
        AppointmentEvents.Event undated = appointment(tenant, 502, null, start);
        assertThat(appointments.record(recorded)).isTrue();
        assertThat(appointments.record(undated)).isTrue();

        AppointmentEvents.Event newerVersion = appointment(tenant, 501, v1.plusSeconds(60), start);
        AppointmentEvents.Event unseen = appointment(tenant, 503, v1, start);
        AppointmentEvents.Event otherTenant = appointment(tenant + "-other", 501, v1, start);

        assertThat(appointments.recorded(tenant, java.util.List.of(recorded, undated, newerVersion, unseen)))
                .as("only the version already held; one without an update time is never taken for held")
                .containsExactly(recorded);
        assertThat(appointments.recorded(otherTenant.tenantId(), java.util.List.of(otherTenant))).isEmpty();
        assertThat(appointments.record(recorded)).as("the unique key still refuses a second copy").isFalse();
    }

    private static AppointmentEvents.Event appointment(String tenant, long id, Instant updated, Instant start) {
        return new AppointmentEvents.Event(tenant, "sub", 7, id, 11L, 13L, start, start.plusSeconds(1800), false,
                updated);
    }
}
