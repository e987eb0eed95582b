package io.medsync.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.medsync.ledger.DeadLetter;
import io.medsync.ledger.DeadLetterFilter;
import io.medsync.ledger.DeadLetterStore;
import io.medsync.ledger.Ledger;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.RecordState;
import io.medsync.pipeline.SyncJobRunner;
import io.medsync.pipeline.SyncOutcome;
import io.medsync.pipeline.SyncRun;
import io.medsync.sandbox.NovaMedSandbox;
import io.medsync.testing.StartsOnACleanSlate;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * Issue 15 classes 15 to 17: a record has at most one open dead letter and delivering it closes it; records released
 * when their dependency is delivered are counted in the run that released them; a replay reads the record from its
 * source again and says when it had to send the stored payload instead.
 */
@QuarkusTest
class DeadLetterLifecycleTest extends StartsOnACleanSlate {

    private static final String REJECTION = "{\"success\":false,\"error\":{\"message\":\"Validation error\","
            + "\"details\":{\"assigned_clinic\":\"must be an active clinic\"}}}";

    @Inject
    SyncJobRunner runner;

    @Inject
    Ledger ledger;

    @Inject
    DeadLetterStore deadLetters;

    private static RequestSpecification operator() {
        return given().header("Authorization", "Bearer sandbox-operator-token");
    }

    @Test
    void aRecordKeepsOneOpenDeadLetterAndDeliveringItClosesIt() {
        sandbox.novaMed().faults().respondWith(NovaMedSandbox.PATIENT_PATH, 1, 400, REJECTION);
        runner.runAllTenants();
        RecordKey key = onlyOpenLetter().key();
        long patientId = Long.parseLong(key.sourceId());

        sandbox.nexHealth().updatePatient(patientId, p -> p.put("middle_name", "Changed"));
        sandbox.novaMed().faults().respondWith(NovaMedSandbox.PATIENT_PATH, 1, 400, REJECTION);
        runner.runAllTenants();
        assertThat(lettersOf(key)).as("failed twice, one open dead letter").hasSize(2)
                .filteredOn(l -> l.status() == DeadLetter.Status.OPEN).hasSize(1);

        sandbox.nexHealth().updatePatient(patientId, p -> p.put("middle_name", "Again"));
        runner.runAllTenants();
        assertThat(ledger.find(key).orElseThrow().state()).isEqualTo(RecordState.DELIVERED);
        assertThat(lettersOf(key)).extracting(DeadLetter::status)
                .containsExactly(DeadLetter.Status.SUPERSEDED, DeadLetter.Status.RESOLVED);
    }

    @Test
    void patientsReleasedWhenTheirPractitionerIsDeliveredAreCountedInThatRun() {
        sandbox.novaMed().faults().respondWith(NovaMedSandbox.PRACTITIONER_PATH, 1, 400, REJECTION);
        runner.runAllTenants();
        RecordKey provider = onlyOpenLetter().key();
        int parked = ledger.parkedOn(provider).size();
        assertThat(parked).as("patients wait for the refused practitioner").isPositive();
        int patientsBefore = sandbox.novaMed().patients().size();

        sandbox.nexHealth().updateProvider(Long.parseLong(provider.sourceId()), p -> p.put("email", "front.desk@example.org"));
        SyncRun run = runner.runAllTenants();

        assertThat(sandbox.novaMed().patients()).hasSize(patientsBefore + parked);
        assertThat(run.rows()).filteredOn(r -> r.tenant().equals("demo-clinic") && r.resource().equals("patient"))
                .extracting(r -> r.get(SyncOutcome.CREATED))
                .as("the run summary counts the patients NovaMed created in it").containsExactly((long) parked);
    }

    @Test
    void aReplayReadsTheRecordFromItsSourceAgainAndFallsBackToTheStoredPayloadSayingSo() {
        sandbox.novaMed().faults().respondWith(NovaMedSandbox.PATIENT_PATH, 2, 400, REJECTION);
        runner.runAllTenants();
        List<DeadLetter> open = deadLetters.list(DeadLetterFilter.open()).stream()
                .filter(l -> l.stage().equals("push")).toList();
        assertThat(open).hasSize(2);

        DeadLetter fixed = open.get(0);
        sandbox.nexHealth().updatePatient(Long.parseLong(fixed.key().sourceId()),
                p -> p.put("first_name", "Corrected"));
        operator().when().post("/ops/dead-letters/" + fixed.id() + "/replay").then().statusCode(200)
                .body("readFrom", equalTo("source")).body("outcome", equalTo("DELIVERED"));
        List<NovaMedSandbox.Created> patients = sandbox.novaMed().patients();
        assertThat(patients.get(patients.size() - 1).request().path("first_name").asText())
                .as("the replay sent the record as the source holds it now").isEqualTo("Corrected");

        DeadLetter unreadable = open.get(1);
        sandbox.nexHealth().faults().respondWith("/patients/" + unreadable.key().sourceId(), 50, 404,
                "{\"code\":false,\"error\":[\"Not found\"]}");
        operator().when().post("/ops/dead-letters/" + unreadable.id() + "/replay").then().statusCode(200)
                .body("readFrom", startsWith("stored payload"))
                .body("readFrom", containsString("no longer has it"))
                .body("outcome", equalTo("DELIVERED"));
        sandbox.nexHealth().faults().clear();
    }

    private DeadLetter onlyOpenLetter() {
        List<DeadLetter> open = deadLetters.list(DeadLetterFilter.open()).stream()
                .filter(l -> l.stage().equals("push")).toList();
        assertThat(open).hasSize(1);
        return open.get(0);
    }

    private List<DeadLetter> lettersOf(RecordKey key) {
        return deadLetters.list(new DeadLetterFilter(null, null, null, null, null, 10000)).stream()
                .filter(l -> l.key().equals(key)).toList();
    }
}
