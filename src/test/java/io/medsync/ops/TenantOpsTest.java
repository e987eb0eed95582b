package io.medsync.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.medsync.ledger.Ledger;
import io.medsync.ledger.LedgerEntry;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.RecordState;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.pipeline.SyncJobRunner;
import io.medsync.pipeline.SyncOutcome;
import io.medsync.testing.StartsOnACleanSlate;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** What an operator sees of a tenant and can do with it: status, run history, pause, resume, sync now, records. */
@QuarkusTest
class TenantOpsTest extends StartsOnACleanSlate {

    private static final String NEXHEALTH = "sources.find { it.source == 'nexhealth' }";

    @Inject
    SyncJobRunner runner;
    @Inject
    Ledger ledger;

    private static RequestSpecification operator() {
        return given().header("Authorization", "Bearer sandbox-operator-token");
    }

    private static RequestSpecification viewer() {
        return given().header("Authorization", "Bearer sandbox-viewer-token");
    }

    @Test
    void aTenantShowsItsLastRunWithNovaMedCallsItsBacklogAndItsHistory() {
        viewer().when().get("/ops/tenants/demo-clinic").then().statusCode(200)
                .body(NEXHEALTH + ".state", equalTo("enabled")).body(NEXHEALTH + ".lastRun", nullValue());
        long created = runner.runAllTenants().total(SyncOutcome.CREATED);

        JsonPath tenant = viewer().when().get("/ops/tenants/demo-clinic").then().statusCode(200)
                .body(NEXHEALTH + ".lastRun.outcome", equalTo("ok"))
                .body(NEXHEALTH + ".lastRun.counts.pulled", greaterThan(0))
                .body(NEXHEALTH + ".lastRun.counts.created", equalTo((int) created))
                .body(NEXHEALTH + ".backlog.parked", greaterThan(0))
                .body(NEXHEALTH + ".cursor.size()", greaterThan(0))
                .body(NEXHEALTH + ".running", nullValue())
                .extract().jsonPath();
        assertThat(tenant.getLong(NEXHEALTH + ".lastRun.counts.novamedCalls")).as("NovaMed calls of the run")
                .isEqualTo(sandbox.novaMed().recordedRequests().stream().filter(r -> r.method().equals("POST"))
                        .count());
        viewer().when().get("/ops/tenants").then().statusCode(200).body("tenant", org.hamcrest.Matchers.hasItem(
                "demo-clinic"));

        runner.runAllTenants(true);
        viewer().queryParam("source", "nexhealth").when().get("/ops/tenants/demo-clinic/runs").then()
                .statusCode(200).body("$", hasSize(2))
                .body("[0].counts.created", equalTo(0)).body("[0].counts.novamedCalls", equalTo(0))
                .body("[0].counts.stillFailed", greaterThan(0));
        viewer().when().get("/ops/tenants/no-such-tenant").then().statusCode(404).contentType(ContentType.JSON)
                .body("error", equalTo("unknown_tenant"));
    }

    @Test
    void aPausedTenantIsSkippedByItsScheduleUntilResumedAndSyncNowRunsIt() {
        viewer().when().post("/ops/tenants/demo-clinic/pause").then().statusCode(403);
        operator().when().post("/ops/tenants/demo-clinic/pause").then().statusCode(200)
                .body(NEXHEALTH + ".state", equalTo("paused"));

        assertThat(runner.runScheduled("demo-clinic", "nexhealth").total(SyncOutcome.PULLED)).isZero();
        assertThat(sandbox.novaMed().recordedRequests()).isEmpty();

        operator().when().post("/ops/tenants/demo-clinic/resume").then().statusCode(200)
                .body(NEXHEALTH + ".state", equalTo("enabled"));
        operator().queryParam("source", "nexhealth").when().post("/ops/tenants/demo-clinic/sync").then()
                .statusCode(202).body("status", equalTo("started"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> viewer().when()
                .get("/ops/tenants/demo-clinic").then().body(NEXHEALTH + ".lastRun", notNullValue()));
        assertThat(sandbox.novaMed().patients()).isNotEmpty();
        operator().queryParam("source", "fax").when().post("/ops/tenants/demo-clinic/sync").then().statusCode(400);
    }

    @Test
    void aFullSyncNowPullsEveryRecordAgainAndSendsNothingUnchanged() {
        long firstPulled = runner.runAllTenants().total(SyncOutcome.PULLED);
        int novaMedRequests = sandbox.novaMed().recordedRequests().size();

        long incremental = syncNowAndWait(operator().queryParam("source", "nexhealth"), 1);
        long full = syncNowAndWait(operator().queryParam("source", "nexhealth").queryParam("full", "true"), 2);

        assertThat(full).as("a full re-sync pulls every record again").isEqualTo(firstPulled)
                .isGreaterThan(incremental);
        assertThat(sandbox.novaMed().recordedRequests()).as("nothing changed, so nothing is sent").hasSize(novaMedRequests);
        operator().queryParam("full", "yes").when().post("/ops/tenants/demo-clinic/sync").then().statusCode(400)
                .body("message", equalTo("full must be true or false"));
    }

    /** Starts a sync now and waits for its run to be in the history; @return what it pulled */
    private long syncNowAndWait(RequestSpecification request, int runsAfter) {
        request.when().post("/ops/tenants/demo-clinic/sync").then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> viewer().queryParam("source", "nexhealth")
                .when().get("/ops/tenants/demo-clinic/runs").then().body("size()", equalTo(runsAfter + 1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> !runner.isRunning("demo-clinic"));
        return viewer().queryParam("source", "nexhealth").when().get("/ops/tenants/demo-clinic/runs").then()
                .extract().jsonPath().getLong("[0].counts.pulled");
    }

    @Test
    void theRecordBrowserFiltersAndPagesAndShowsPayloadsOnlyToOperators() {
        runner.runAllTenants();
        List<Integer> first = viewer().queryParam("tenant", "demo-clinic").queryParam("state", "failed")
                .queryParam("limit", 2).when().get("/ops/records").then().statusCode(200)
                .body("records", hasSize(2)).body("records[0].last_error", notNullValue())
                .body("records.state.unique()", equalTo(List.of("failed")))
                .body("payloads", nullValue())
                .extract().jsonPath().getList("records.id");
        Number next = viewer().queryParam("tenant", "demo-clinic").queryParam("state", "failed")
                .queryParam("limit", 2).when().get("/ops/records").then().extract().path("next_cursor");
        List<Integer> second = viewer().queryParam("tenant", "demo-clinic").queryParam("state", "failed")
                .queryParam("limit", 2).queryParam("cursor", next).when().get("/ops/records").then()
                .statusCode(200).extract().jsonPath().getList("records.id");
        assertThat(second).isNotEmpty().doesNotContainAnyElementsOf(first);

        viewer().queryParam("state", "parked").queryParam("include_payload", true).when().get("/ops/records")
                .then().statusCode(403);
        operator().queryParam("state", "parked").queryParam("kind", "patient").queryParam("limit", 1)
                .queryParam("include_payload", true).when().get("/ops/records").then().statusCode(200)
                .body("payloads.size()", equalTo(1));
        viewer().queryParam("state", "sideways").when().get("/ops/records").then().statusCode(400)
                .body("error", equalTo("bad_request"));
    }

    @Test
    void aRecordChangedAtTheSourceAfterDeliveryIsListedAsDrifted() {
        runner.runAllTenants();
        long delivered = sandbox.nexHealth().patientIds().stream()
                .filter(id -> ledger.find(new RecordKey("demo-clinic", SourceSystem.NEXHEALTH, ResourceType.PATIENT,
                        String.valueOf(id))).map(LedgerEntry::state).orElse(null) == RecordState.DELIVERED)
                .findFirst().orElseThrow();
        sandbox.nexHealth().updatePatient(delivered, patient -> patient.put("middle_name", "Changed"));
        runner.runAllTenants();

        viewer().when().get("/ops/records/drifted").then().statusCode(200).body("records", hasSize(1))
                .body("records[0].source_id", equalTo(String.valueOf(delivered)))
                .body("records[0].state", equalTo("drifted"));
    }
}
