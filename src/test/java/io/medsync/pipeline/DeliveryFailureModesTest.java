package io.medsync.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.medsync.ledger.CursorKey;
import io.medsync.ledger.CursorStore;
import io.medsync.ledger.Ledger;
import io.medsync.ledger.LedgerEntry;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.RecordState;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.ledger.SyncCursor;
import io.medsync.sandbox.NovaMedSandbox;
import io.medsync.sandbox.RecordedRequest;
import io.medsync.testing.StartsOnACleanSlate;
import io.quarkus.test.junit.QuarkusTest;

/** What users see when the APIs misbehave: nothing lost, nothing doubled, every failure explained. */
@QuarkusTest
class DeliveryFailureModesTest extends StartsOnACleanSlate {

    private static final String TENANT = "demo-clinic";

    @Inject
    SyncJobRunner runner;

    @Inject
    Ledger ledger;

    @Inject
    CursorStore cursors;

    @Test
    void anExpiredNexHealthTokenIsRenewedOnceAndTheSyncCompletes() {
        runner.runAllTenants();
        sandbox.nexHealth().expireAllTokens();
        sandbox.nexHealth().clearRecordedRequests();

        SyncRun run = runner.runAllTenants(true);

        assertThat(run.errors()).isEmpty();
        List<RecordedRequest> requests = sandbox.nexHealth().recordedRequests();
        assertThat(requests.stream().filter(r -> r.path().equals("/authenticates"))).hasSize(1);
        assertThat(requests.stream().filter(r -> r.responseStatus() == 401)).hasSize(1);
    }

    @Test
    void aTokenThatExpiresMidSyncIsRenewedOnceWithNoPageLostAndNoDuplicate() {
        // After the first patient page, NexHealth answers 401 as it does for an expired bearer.
        sandbox.nexHealth().faults().respondWithAfter("/patients", 1, 1, 401,
                "{\"code\":false,\"description\":\"Unauthorized\",\"error\":[\"token expired\"],\"data\":null}");

        SyncRun run = runner.runAllTenants();

        assertThat(run.errors()).isEmpty();
        List<RecordedRequest> requests = sandbox.nexHealth().recordedRequests();
        assertThat(requests.stream().filter(r -> r.path().equals("/authenticates"))).hasSize(2);
        assertThat(row(run, "patient").get(SyncOutcome.PULLED)).isEqualTo(sandbox.nexHealth().patientCount());
        assertNoPatientCreatedTwice();
    }

    @Test
    void eachLocationKeepsItsOwnCursor() {
        // The second location's patient pull fails; the first location's completes and moves its watermark.
        long mainPages = (sandbox.nexHealth().patientIdsAt(101).size() + 24) / 25; // per_page is 25 in tests
        sandbox.nexHealth().faults().respondWithAfter("/patients", (int) mainPages, 4, 500,
                "{\"code\":false,\"description\":\"Internal Server Error\",\"error\":[\"boom\"],\"data\":{}}");

        SyncRun run = runner.runAllTenants();

        assertThat(run.errors()).hasSize(1);
        SyncCursor main = cursors.load(new CursorKey(TENANT, SourceSystem.NEXHEALTH, ResourceType.PATIENT,
                "location:demo-dental:101"));
        SyncCursor north = cursors.load(new CursorKey(TENANT, SourceSystem.NEXHEALTH, ResourceType.PATIENT,
                "location:demo-dental:102"));
        assertThat(main.watermark()).as("main completed").isNotNull();
        assertThat(main.interrupted()).isFalse();
        assertThat(north.watermark()).as("north never completed").isNull();
    }

    @Test
    void novaMedServerErrorsAreRetriedAndEachRecordIsCreatedOnce() {
        sandbox.novaMed().faults().respondWith(NovaMedSandbox.PATIENT_PATH, 2, 503,
                "{\"success\":false,\"error\":{\"message\":\"Service unavailable\"}}");

        SyncRun run = runner.runAllTenants();

        assertThat(sandbox.novaMed().faults().pending()).isZero();
        assertThat(run.total(SyncOutcome.CREATED)).isEqualTo(sandbox.novaMed().createdCount());
        assertNoPatientCreatedTwice();
    }

    @Test
    void aLostAnswerToAPatientCreateIsResentAndNovaMedsDuplicateAnswerCountsAsDelivered() {
        sandbox.novaMed().faults().loseAnswer(NovaMedSandbox.PATIENT_PATH, 1);

        SyncRun run = runner.runAllTenants();

        List<LedgerEntry> deliveredWithoutId = sandbox.nexHealth().patientIds().stream()
                .map(id -> ledger.find(key(ResourceType.PATIENT, id)).orElseThrow())
                .filter(e -> e.state() == RecordState.DELIVERED && e.novaMedId() == null)
                .toList();
        assertThat(deliveredWithoutId).as("the patient whose answer was lost").hasSize(1);
        // Created once in NovaMed (by the request whose answer was lost), counted once by medsync.
        assertThat(run.total(SyncOutcome.CREATED)).isEqualTo(sandbox.novaMed().createdCount());
        assertNoPatientCreatedTwice();
    }

    @Test
    void aNovaMedRejectionIsRecordedAsFailedWithNovaMedsMessageAndStatus() {
        sandbox.novaMed().faults().respondWith(NovaMedSandbox.PRACTITIONER_PATH, 1, 400,
                "{\"success\":false,\"error\":{\"message\":\"Clinic not found\"}}");

        runner.runAllTenants();

        LedgerEntry rejected = sandbox.nexHealth().providerIds().stream()
                .map(id -> ledger.find(key(ResourceType.PROVIDER, id)))
                .flatMap(java.util.Optional::stream)
                .filter(e -> e.lastHttpStatus() != null)
                .findFirst().orElseThrow();
        assertThat(rejected.state()).isEqualTo(RecordState.FAILED);
        assertThat(rejected.lastHttpStatus()).isEqualTo(400);
        assertThat(rejected.lastError()).contains("Clinic not found");
    }

    @Test
    void aNovaMedOutageLeavesRecordsPendingWithoutDeadLettersAndALaterRunDeliversThemAll() {
        // NovaMed goes down after its first few requests: a stretch of 503s far longer than one call's retries.
        sandbox.novaMed().faults().respondWithAfter("/api/external/", 3, 400, 503,
                "{\"success\":false,\"error\":{\"message\":\"Service unavailable\"}}");

        SyncRun duringOutage = runner.runAllTenants();

        assertThat(duringOutage.unavailablePartners()).containsExactly(TENANT + "/novamed");
        assertThat(duringOutage.total(SyncOutcome.DEFERRED)).isPositive();
        long novaMedCallsDuringOutage = sandbox.novaMed().recordedRequests().size();
        assertThat(novaMedCallsDuringOutage).as("the run stopped calling a NovaMed that is down").isLessThan(60);
        assertThat(countOpenDeadLetters()).as("no dead letter from the outage").isZero();
        io.restassured.RestAssured.given().header("Authorization", "Bearer sandbox-ops-token").when().get("/ops/partners")
                .then().statusCode(200).body("find { it.partner == 'novamed' && it.tenant == 'demo-clinic' }.available",
                        org.hamcrest.Matchers.equalTo(false));

        sandbox.novaMed().faults().clear();
        // No operator action: the next runs probe NovaMed, find it back and deliver what waited.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                .until(() -> runner.runAllTenants().unavailablePartners().isEmpty());
        SyncRun after = runner.runAllTenants();

        assertThat(after.unavailablePartners()).isEmpty();
        assertThat(countOpenDeadLetters()).isZero();
        List<LedgerEntry> records = java.util.stream.Stream.concat(
                // Not every sandbox provider is in a synced location: those that are.
                sandbox.nexHealth().providerIds().stream().map(id -> ledger.find(key(ResourceType.PROVIDER, id)))
                        .flatMap(java.util.Optional::stream),
                sandbox.nexHealth().patientIds().stream().map(id -> ledger.find(key(ResourceType.PATIENT, id))
                        .orElseThrow(() -> new AssertionError(id + " never reached the ledger"))))
                .toList();
        // The seed's unmappable providers fail on their content and their patients wait for them (parked): that is
        // the seed, not the outage. Nothing is pending, in flight or failed on an HTTP status.
        assertThat(records).as("every record delivered, refused for its own content or parked on such a one")
                .allMatch(e -> e.state() == RecordState.DELIVERED || e.state() == RecordState.PARKED
                        || (e.state() == RecordState.FAILED && e.lastHttpStatus() == null));
        assertThat(records).filteredOn(e -> e.state() == RecordState.DELIVERED).hasSizeGreaterThan(records.size() / 2);
        assertNoPatientCreatedTwice();
    }

    @Test
    void aNexHealthOutageStopsTheReadsWithoutDeadLettersAndALaterRunResumes() {
        // NexHealth answers nothing but 503 for far longer than one call's retries.
        sandbox.nexHealth().faults().respondWith("/", 10_000, 503,
                "{\"code\":false,\"description\":\"Service Unavailable\",\"error\":[\"down\"],\"data\":{}}");

        SyncRun duringOutage = runner.runAllTenants();

        assertThat(duringOutage.unavailablePartners()).containsExactly(TENANT + "/nexhealth");
        assertThat(SyncSummary.table(duringOutage)).contains("UNAVAILABLE " + TENANT + "/nexhealth");
        // Without the circuit every pull of every location would spend its retries: 2 locations x 3 resources.
        long calls = sandbox.nexHealth().recordedRequests().size();
        System.out.printf("NexHealth outage: %d calls to NexHealth in the run%n", calls);
        assertThat(calls).as("the run stopped reading a NexHealth that is down").isLessThan(2 * 3 * 4);
        assertThat(countDeadLetters()).as("nothing dead-lettered for a source outage").isZero();
        io.restassured.RestAssured.given().header("Authorization", "Bearer sandbox-ops-token").when().get("/ops/partners")
                .then().statusCode(200).body("find { it.partner == 'nexhealth' && it.tenant == 'demo-clinic' }.available",
                        org.hamcrest.Matchers.equalTo(false));

        sandbox.nexHealth().faults().clear();
        // No operator action: the next runs probe NexHealth (half-open), find it back and read what they missed.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                .until(() -> runner.runAllTenants().unavailablePartners().isEmpty());
        assertThat(sandbox.novaMed().patients()).isNotEmpty();
        // Dead letters now are the seed's unmappable records (refused for their content), none from the outage.
        assertThat(countOpenDeadLetters()).isZero();
        assertNoPatientCreatedTwice();
    }

    private long countDeadLetters() {
        try (var c = dataSource.getConnection(); var rs = c.createStatement().executeQuery(
                "select count(*) from dead_letter")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long countOpenDeadLetters() {
        try (var c = dataSource.getConnection(); var rs = c.createStatement().executeQuery(
                "select count(*) from dead_letter where http_status = 503 or reason like '%503%' or reason like '%unavailable%'")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aNovaMedRateLimitIsWaitedOutAndIsNotAFailure() {
        sandbox.novaMed().faults().respondWith(NovaMedSandbox.PATIENT_PATH, 3, 429,
                "{\"success\":false,\"error\":{\"code\":\"RATE_LIMIT_EXCEEDED\",\"message\":\"Rate limit exceeded."
                        + " Please retry after 0 seconds.\",\"retry_after\":0}}");

        SyncRun run = runner.runAllTenants();

        assertThat(sandbox.novaMed().faults().pending()).isZero();
        assertThat(run.total(SyncOutcome.CREATED)).isEqualTo(sandbox.novaMed().createdCount());
        assertThat(sandbox.novaMed().patients()).isNotEmpty();
        long unmappable = sandbox.nexHealth().patientIds().stream()
                .map(id -> ledger.find(key(ResourceType.PATIENT, id)).orElseThrow())
                .filter(e -> e.state() == RecordState.FAILED && e.lastHttpStatus() != null)
                .count();
        assertThat(unmappable).as("no patient failed on an HTTP status").isZero();
    }

    @Test
    void aPullThatBreaksMidwayKeepsItsLastWholePageAndTheNextRunResumesThere() {
        // Two patient pages succeed, then NexHealth fails for longer than the retry policy lasts.
        sandbox.nexHealth().faults().respondWithAfter("/patients", 2, 4, 500,
                "{\"code\":false,\"description\":\"Internal Server Error\",\"error\":[\"boom\"],\"data\":{}}");

        SyncRun broken = runner.runAllTenants();

        assertThat(broken.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("HTTP 500"));
        SyncCursor saved = cursors.load(new CursorKey(TENANT, SourceSystem.NEXHEALTH, ResourceType.PATIENT, "location:demo-dental:101"));
        assertThat(saved.interrupted()).isTrue();
        assertThat(saved.pageCursor()).isNotBlank();
        long deliveredBefore = sandbox.novaMed().patients().size();
        assertThat(deliveredBefore).isPositive();
        sandbox.nexHealth().clearRecordedRequests();
        // NexHealth is back: without waiting out the source circuit's open-for (its probe is the outage test's subject).
        io.quarkus.arc.Arc.container().instance(PartnerCircuits.class).get().closeAll();

        SyncRun resumed = runner.runAllTenants();

        assertThat(resumed.errors()).isEmpty();
        RecordedRequest firstPatientPage = sandbox.nexHealth().recordedRequests().stream()
                .filter(r -> r.path().equals("/patients")).findFirst().orElseThrow();
        assertThat(firstPatientPage.query()).contains("end_cursor=");
        assertThat(row(resumed, "patient").get(SyncOutcome.PULLED))
                .isEqualTo(sandbox.nexHealth().patientCount() - row(broken, "patient").get(SyncOutcome.PULLED));
        assertThat(cursors.load(new CursorKey(TENANT, SourceSystem.NEXHEALTH, ResourceType.PATIENT, "location:demo-dental:101"))
                .interrupted()).isFalse();
        assertNoPatientCreatedTwice();
    }

    @Test
    void aSyncAskedForWhileTheTenantIsStillSyncingIsSkippedNotDoubled() {
        sandbox.nexHealth().faults().delay("/providers", 1, Duration.ofSeconds(2));
        CompletableFuture<SyncRun> first = CompletableFuture.supplyAsync(() -> runner.runScheduled(TENANT, "nexhealth"));
        await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.nexHealth().recordedRequests().stream()
                .anyMatch(r -> r.path().equals("/authenticates")));

        SyncRun overlapping = runner.runScheduled(TENANT, "nexhealth");

        assertThat(overlapping.skippedTenants()).containsExactly(TENANT);
        assertThat(overlapping.total(SyncOutcome.PULLED)).isZero();
        SyncRun completed = first.join();
        assertThat(completed.skippedTenants()).isEmpty();
        assertThat(completed.total(SyncOutcome.CREATED)).isEqualTo(sandbox.novaMed().createdCount());
    }

    /** NovaMed dedupes patients on name + date of birth; the sandbox would have answered "already exists". */
    private void assertNoPatientCreatedTwice() {
        List<String> identities = sandbox.novaMed().patients().stream()
                .map(p -> p.request().path("first_name").asText() + "|" + p.request().path("last_name").asText() + "|"
                        + p.request().path("dob").asText())
                .toList();
        Set<String> distinct = identities.stream().collect(Collectors.toSet());
        assertThat(identities).hasSameSizeAs(distinct);
        List<String> posted = sandbox.novaMed().recordedRequests().stream()
                .filter(r -> r.path().equals(NovaMedSandbox.PATIENT_PATH) && r.responseStatus() == 200)
                .map(RecordedRequest::body).toList();
        assertThat(posted).doesNotHaveDuplicates();
    }

    private static RecordKey key(ResourceType type, long id) {
        return new RecordKey(TENANT, SourceSystem.NEXHEALTH, type, String.valueOf(id));
    }

    private static SyncRun.Row row(SyncRun run, String resource) {
        return run.rows().stream().filter(r -> r.resource().equals(resource)).findFirst().orElseThrow();
    }
}
