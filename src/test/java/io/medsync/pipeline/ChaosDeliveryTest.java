package io.medsync.pipeline;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.medsync.ledger.DeadLetter;
import io.medsync.ledger.DeadLetterFilter;
import io.medsync.ledger.DeadLetterStore;
import io.medsync.ledger.Ledger;
import io.medsync.ledger.LedgerEntry;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.RecordState;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.sandbox.FaultInjector;
import io.medsync.sandbox.NovaMedSandbox;
import io.medsync.sandbox.RecordedRequest;
import io.medsync.testing.StartsOnACleanSlate;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * 1,000 patients into a NovaMed that fails a fifth of the time, loses or delays answers past the client timeout,
 * and enforces a rate limit: every record still ends delivered, dead-lettered or waiting with a reason, and NovaMed
 * never holds a patient twice.
 */
@QuarkusTest
@TestProfile(ChaosDeliveryTest.ThousandPatients.class)
class ChaosDeliveryTest extends StartsOnACleanSlate {

    public static class ThousandPatients implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "medsync.sandbox.seed.patients", "1000",
                    "medsync.http.request-timeout", "PT0.4S",
                    "medsync.http.max-attempts", "8",
                    "medsync.nexhealth.per-page", "200",
                    "medsync.pipeline.delivery-threads", "8");
        }
    }

    private static final String TENANT = "demo-clinic";

    @Inject
    SyncJobRunner runner;

    @Inject
    Ledger ledger;

    @Inject
    DeadLetterStore deadLetters;

    @Test
    void everyRecordEndsAccountedForAndNoPatientIsCreatedTwice() {
        NovaMedSandbox novaMed = sandbox.novaMed();
        novaMed.faults().chaos(new FaultInjector.Chaos("/api/external/", 0.20, 0.03, 0.03, Duration.ofMillis(600), 7));
        novaMed.setRateLimit(150, Duration.ofSeconds(2));

        List<SyncRun> runs = syncUntilEveryPartnerAnswers();

        List<RecordedRequest> requests = novaMed.recordedRequests();
        long serverErrors = requests.stream().filter(r -> r.responseStatus() == 503).count();
        long rateLimited = requests.stream().filter(r -> r.responseStatus() == 429).count();
        System.out.printf("chaos run: %d NovaMed requests, %d answered 503, %d answered 429; %d run(s); summaries %s%n",
                requests.size(), serverErrors, rateLimited, runs.size(),
                runs.stream().map(r -> SyncSummary.asMap(r).get("totals")).toList());
        assertThat(serverErrors).as("the sandbox really failed a fifth of the calls").isGreaterThan(requests.size() / 10);
        assertThat(runs).allSatisfy(r -> assertThat(r.errors()).isEmpty());

        Map<Long, DeadLetter> openDeadLetters = deadLetters.list(DeadLetterFilter.open()).stream()
                .filter(d -> d.key().resourceType() == ResourceType.PATIENT)
                .collect(Collectors.toMap(d -> Long.parseLong(d.key().sourceId()), d -> d, (a, b) -> b));
        for (long id : sandbox.nexHealth().patientIds()) {
            LedgerEntry entry = ledger.find(new RecordKey(TENANT, SourceSystem.NEXHEALTH, ResourceType.PATIENT,
                    String.valueOf(id))).orElseThrow(() -> new AssertionError("patient " + id + " never reached the ledger"));
            switch (entry.state()) {
                case DELIVERED -> { }
                case FAILED -> assertThat(openDeadLetters).as("dead letter of failed patient %s", id).containsKey(id);
                case IN_DOUBT, PARKED -> assertThat(entry.lastError()).as("reason of %s", id).isNotBlank();
                default -> throw new AssertionError("patient " + id + " left " + entry.state());
            }
        }

        List<String> identities = novaMed.patients().stream()
                .map(p -> p.request().path("first_name").asText() + "|" + p.request().path("last_name").asText()
                        + "|" + p.request().path("dob").asText())
                .toList();
        assertThat(identities).doesNotHaveDuplicates();
        int deliveredInLedger = given().header("Authorization", "Bearer sandbox-ops-token")
                .when().get("/ops/records/counts").then().statusCode(200).extract().jsonPath()
                .getInt("records.find { it.resource == 'patient' && it.state == 'delivered' }.count");
        assertThat(deliveredInLedger).as("ops API counts equal what NovaMed holds").isEqualTo(novaMed.patients().size());
        assertThat(ledger.countByState(TENANT, ResourceType.PATIENT).getOrDefault(RecordState.IN_FLIGHT, 0L)).isZero();
    }

    /**
     * A chance streak of failures can open NovaMed's circuit: that run stops taking records and leaves them pending,
     * and the next scheduled run takes them on. Runs again, as the scheduler would, until a run finds NovaMed answering.
     */
    private List<SyncRun> syncUntilEveryPartnerAnswers() {
        List<SyncRun> runs = new ArrayList<>(List.of(runner.runAllTenants()));
        await("a run with every partner answering").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    if (runs.get(runs.size() - 1).unavailablePartners().isEmpty()) {
                        return true;
                    }
                    runs.add(runner.runAllTenants());
                    return false;
                });
        return runs;
    }
}
