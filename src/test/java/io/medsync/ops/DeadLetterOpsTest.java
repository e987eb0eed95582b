package io.medsync.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.medsync.ledger.Ledger;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.RecordState;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.pipeline.SyncJobRunner;
import io.medsync.pipeline.SyncOutcome;
import io.medsync.pipeline.SyncRun;
import io.medsync.sandbox.NovaMedSandbox;
import io.medsync.testing.StartsOnACleanSlate;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Operators see dead letters, replay them once the cause is fixed, and nothing is delivered twice. */
@QuarkusTest
class DeadLetterOpsTest extends StartsOnACleanSlate {

    private static final String TOKEN = "sandbox-ops-token";
    private static final String REJECTION = "{\"success\":false,\"error\":{\"message\":\"Validation error\","
            + "\"details\":{\"assigned_clinic\":\"must be an active clinic\"}}}";

    @Inject
    SyncJobRunner runner;

    @Inject
    Ledger ledger;

    private static RequestSpecification ops() {
        return given().header("Authorization", "Bearer " + TOKEN);
    }

    @Test
    void theOpsApiRefusesRequestsWithoutTheBearerToken() {
        given().when().get("/ops/dead-letters").then().statusCode(401).contentType(ContentType.JSON)
                .body("error", equalTo("unauthorized"));
        given().header("Authorization", "Bearer wrong").when().get("/ops/dead-letters").then().statusCode(401);
        ops().when().get("/ops/dead-letters").then().statusCode(200);
    }

    @Test
    void rejectedRecordsAreStoredAsDeadLettersAndAReplayDeliversEachExactlyOnce() {
        sandbox.novaMed().faults().respondWith(NovaMedSandbox.PATIENT_PATH, 5, 400, REJECTION);
        runner.runAllTenants();
        int createdBefore = sandbox.novaMed().patients().size();

        List<Map<String, Object>> letters = ops().queryParam("stage", "push").when().get("/ops/dead-letters")
                .then().statusCode(200).body("$", hasSize(5))
                .body("[0].http_status", equalTo(400))
                .body("[0].reason", org.hamcrest.Matchers.containsString("assigned_clinic"))
                .extract().jsonPath().getList("$");
        assertThat(letters).allSatisfy(l -> assertThat(l).doesNotContainKey("payload"));

        ops().queryParam("stage", "push").when().post("/ops/dead-letters/replay")
                .then().statusCode(200).body("replayed", equalTo(5)).body("outcomes.DELIVERED", equalTo(5));

        assertThat(sandbox.novaMed().patients()).hasSize(createdBefore + 5);
        ops().queryParam("stage", "push").when().get("/ops/dead-letters").then().body("$", hasSize(0));
        ops().queryParam("stage", "push").queryParam("status", "replayed").when().get("/ops/dead-letters")
                .then().body("$", hasSize(5));

        Object firstId = letters.get(0).get("id");
        ops().when().post("/ops/dead-letters/" + firstId + "/replay").then().statusCode(409)
                .body("error", equalTo("conflict"));
        ops().queryParam("all", true).when().post("/ops/dead-letters/replay").then().statusCode(200);
        assertThat(sandbox.novaMed().patients()).as("replaying again creates nothing").hasSize(createdBefore + 5);
    }

    @Test
    void aReplayThatFailsAgainLinksTheNewDeadLetterToTheOriginal() {
        sandbox.novaMed().faults().respondWith(NovaMedSandbox.PATIENT_PATH, 1, 400, REJECTION);
        runner.runAllTenants();
        long original = ops().queryParam("stage", "push").when().get("/ops/dead-letters")
                .then().extract().jsonPath().getLong("[0].id");
        sandbox.novaMed().faults().respondWith(NovaMedSandbox.PATIENT_PATH, 1, 400, REJECTION);

        ops().when().post("/ops/dead-letters/" + original + "/replay").then().statusCode(200)
                .body("outcome", equalTo("FAILED"));

        ops().queryParam("stage", "push").when().get("/ops/dead-letters").then()
                .body("find { it.replay_of == " + original + " }.reason",
                        org.hamcrest.Matchers.containsString("Validation error"));
    }

    @Test
    void patientsParkedOnAFailedPractitionerAreReleasedWhenItsReplayDeliversIt() {
        sandbox.novaMed().faults().respondWith(NovaMedSandbox.PRACTITIONER_PATH, 10, 400, REJECTION);
        SyncRun run = runner.runAllTenants();
        assertThat(run.total(SyncOutcome.PARKED)).isPositive();
        sandbox.novaMed().faults().clear();

        ops().queryParam("stage", "push").when().post("/ops/dead-letters/replay").then().statusCode(200);

        assertThat(ledger.inState(RecordState.PARKED, "demo-clinic", 1000))
                .as("parked only on the providers whose own record is broken").allSatisfy(p ->
                        assertThat(ledger.find(keyOf(p.blockedOn())).orElseThrow().state()).isEqualTo(RecordState.FAILED));
        long parkedOnDeliveredProviders = ledger.inState(RecordState.PARKED, "demo-clinic", 1000).size();
        assertThat(parkedOnDeliveredProviders).isLessThan(run.total(SyncOutcome.PARKED));
        ops().when().get("/ops/records/counts").then().statusCode(200)
                .body("records.find { it.resource == 'patient' && it.state == 'delivered' }.count",
                        equalTo(sandbox.novaMed().patients().size()));
    }

    @Test
    void deadLettersCanBeDiscardedAndPruned() {
        sandbox.novaMed().faults().respondWith(NovaMedSandbox.PATIENT_PATH, 3, 400, REJECTION);
        runner.runAllTenants();
        long id = ops().queryParam("stage", "push").when().get("/ops/dead-letters")
                .then().extract().jsonPath().getLong("[0].id");

        ops().when().delete("/ops/dead-letters/" + id).then().statusCode(204);
        ops().when().delete("/ops/dead-letters/" + id).then().statusCode(409);
        ops().when().get("/ops/dead-letters/999999").then().statusCode(404).body("error", equalTo("not_found"));
        ops().when().post("/ops/dead-letters/prune").then().statusCode(400).body("error", equalTo("bad_request"));

        ops().queryParam("older_than_days", 0).when().post("/ops/dead-letters/prune").then().statusCode(200);
        ops().queryParam("status", "any").when().get("/ops/dead-letters").then().body("$", hasSize(0));
    }

    @Test
    void aDeadLetterShowsItsDecryptedPayloadOnlyWhenAsked() {
        runner.runAllTenants();
        long id = ops().queryParam("stage", "map").when().get("/ops/dead-letters")
                .then().extract().jsonPath().getLong("[0].id");

        ops().when().get("/ops/dead-letters/" + id).then().statusCode(200)
                .body("payload", org.hamcrest.Matchers.nullValue());
        ops().queryParam("include_payload", true).when().get("/ops/dead-letters/" + id).then().statusCode(200)
                .body("payload.id", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void metricsCountOutcomesPerTenantWithoutPersonalData() {
        runner.runAllTenants();
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("medsync_records_total{outcome=\"created\",resource=\"patient\",source=\"nexhealth\",tenant=\"demo-clinic\"}");
        assertThat(metrics).contains("medsync_dead_letters_open");
        for (long patientId : sandbox.nexHealth().patientIds().subList(0, 20)) {
            String email = sandbox.nexHealth().patient(patientId).orElseThrow().path("email").asText("");
            if (!email.isEmpty()) {
                assertThat(metrics).doesNotContain(email);
            }
        }
    }

    private static RecordKey keyOf(String key) {
        String[] parts = key.split("/");
        return new RecordKey(parts[0], SourceSystem.valueOf(parts[1].toUpperCase()),
                ResourceType.valueOf(parts[2].toUpperCase()), parts[3]);
    }
}
