package io.medsync.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.medsync.ledger.Ledger;
import io.medsync.ledger.LedgerEntry;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.RecordState;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.sandbox.NovaMedSandbox;
import io.medsync.sandbox.RecordedRequest;
import io.medsync.testing.EmbeddedPostgresResource;
import io.medsync.testing.LogCapture;
import io.medsync.testing.PostgresProfile;
import io.medsync.testing.StartsOnACleanSlate;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The ledger database (PostgreSQL) goes away in the middle of a run, as in a restart: the run is an outage like a
 * partner's. It stops taking records, logs one line (no stack trace per record in flight), reports
 * {@code store_unavailable}, dead-letters nothing; once the database is back the next run of the same process (as
 * the scheduler would start it) gets connections again and delivers every record once.
 */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class StoreOutageTest extends StartsOnACleanSlate {

    private static final String TENANT = "demo-clinic";

    @Inject
    SyncJobRunner runner;

    @Inject
    Ledger ledger;

    @Test
    void aDatabaseRestartMidRunStopsTheRunWithOneLineAndTheNextRunDeliversEverythingOnce() throws Exception {
        // NovaMed answers slowly enough for the database to go away while creates are in flight.
        sandbox.novaMed().faults().delay("/api/external/", 10_000, Duration.ofMillis(120));
        SyncRun duringOutage;
        List<String> logged;
        try (LogCapture log = LogCapture.start()) {
            CompletableFuture<SyncRun> running = CompletableFuture.supplyAsync(runner::runAllTenants);
            await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.novaMed().patients().size() >= 8);
            EmbeddedPostgresResource.stopDatabase();
            try {
                duringOutage = running.get(90, TimeUnit.SECONDS);
            } finally {
                EmbeddedPostgresResource.startDatabase();
            }
            logged = log.lines();
        }
        sandbox.novaMed().faults().clear();

        System.out.printf("store outage: %d log lines during the run, %d of them stack frames, summary %s%n",
                logged.size(), logged.stream().mapToLong(l -> l.lines().filter(f -> f.startsWith("\tat ")).count())
                        .sum(),
                SyncSummary.asMap(duringOutage).get("totals"));
        assertThat(duringOutage.storeUnavailableTenants()).contains(TENANT);
        assertThat(SyncSummary.asMap(duringOutage)).containsEntry("store_unavailable",
                duringOutage.storeUnavailableTenants());
        assertThat(SyncSummary.table(duringOutage)).contains("STORE UNAVAILABLE " + TENANT);
        assertThat(logged).filteredOn(l -> l.contains("the run stops taking records")).hasSize(1);
        // Neither the run nor the scheduled jobs beside it (webhook sweeps, the outbox drain) log a stack trace.
        assertThat(logged).as("no stack trace, no error handler's failure").noneMatch(l -> l.contains("\tat ")
                        || l.contains("FatalFallbackErrorHandler") || l.contains("Failed delivery for"));
        long deliveredDuringOutage = sandbox.novaMed().patients().size();
        assertThat(deliveredDuringOutage).as("the run stopped taking records").isLessThan(
                sandbox.nexHealth().patientCount());

        Map<RecordState, Long> leftByTheOutage = patientStates();
        System.out.printf("store outage: ledger before the next run %s%n", leftByTheOutage);
        assertThat(leftByTheOutage.getOrDefault(RecordState.IN_FLIGHT, 0L)).as("creates the outage caught in flight")
                .isPositive();

        // The database is back: the next run (the same process, as the scheduler starts it) gets connections; the
        // pool has dropped those that broke, so it does not meet a broken one.
        SyncRun after = runner.runAllTenants();

        assertThat(after.storeUnavailableTenants()).as("the run after the database came back").isEmpty();
        assertThat(after.errors()).isEmpty();
        assertThat(countDeadLettersFor("unexpected")).as("no dead letter from the outage").isZero();
        Map<RecordState, Long> states = patientStates();
        System.out.printf("store outage: ledger after the next run %s%n", states);
        assertThat(states).doesNotContainKey(RecordState.PENDING);
        // The creates the outage caught in flight are settled by the next run, not left for a restart or the stale
        // in-flight rule: this profile holds patient resends for an operator, so they are in doubt.
        assertThat(states).as("nothing left in flight").doesNotContainKey(RecordState.IN_FLIGHT);
        assertThat(states.getOrDefault(RecordState.IN_DOUBT, 0L)).as("in doubt: those the outage caught in flight")
                .isEqualTo(leftByTheOutage.get(RecordState.IN_FLIGHT));
        List<String> posted = sandbox.novaMed().recordedRequests().stream()
                .filter(r -> r.path().equals(NovaMedSandbox.PATIENT_PATH) && r.responseStatus() == 200)
                .map(RecordedRequest::body).toList();
        assertThat(posted).as("no patient created twice").doesNotHaveDuplicates();
    }

    private Map<RecordState, Long> patientStates() {
        return sandbox.nexHealth().patientIds().stream()
                .map(id -> ledger.find(new RecordKey(TENANT, SourceSystem.NEXHEALTH, ResourceType.PATIENT,
                        String.valueOf(id))))
                .flatMap(java.util.Optional::stream)
                .collect(java.util.stream.Collectors.groupingBy(LedgerEntry::state, java.util.stream.Collectors.counting()));
    }

    private long countDeadLettersFor(String reason) {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                "select count(*) from dead_letter where reason like ?")) {
            ps.setString(1, "%" + reason + "%");
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
