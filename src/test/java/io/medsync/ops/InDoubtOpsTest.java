package io.medsync.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.medsync.pipeline.SyncJobRunner;
import io.medsync.pipeline.SyncOutcome;
import io.medsync.pipeline.SyncRun;
import io.medsync.sandbox.NovaMedSandbox;
import io.medsync.sandbox.RecordedRequest;
import io.medsync.sandbox.SandboxLauncher;
import io.medsync.testing.CleanSlate;
import io.medsync.testing.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;

/**
 * With patients configured as not safe to resend (as medication orders are), an ambiguous create is held in doubt,
 * never resent on its own, and an operator settles it through the ops API. On PostgreSQL, whose test profile
 * configures patients so.
 */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class InDoubtOpsTest {

    @Inject
    SyncJobRunner runner;

    @Inject
    SandboxLauncher sandbox;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void freshSandboxAndLedger() {
        CleanSlate.reset(sandbox, dataSource);
    }

    private static RequestSpecification ops() {
        return given().header("Authorization", "Bearer sandbox-ops-token");
    }

    @Test
    void aLostAnswerIsHeldInDoubtAndNotResentUntilAnOperatorReleasesIt() {
        sandbox.novaMed().faults().loseAnswer(NovaMedSandbox.PATIENT_PATH, 1);

        SyncRun run = runner.runAllTenants();

        assertThat(run.total(SyncOutcome.IN_DOUBT)).isEqualTo(1);
        long patientPosts = sandbox.novaMed().recordedRequests().stream()
                .filter(r -> r.path().equals(NovaMedSandbox.PATIENT_PATH)).count();
        assertThat(patientPosts).as("one POST per patient that got that far: nothing resent").isEqualTo(
                run.total(SyncOutcome.CREATED) - sandbox.novaMed().practitioners().size() + 1);
        long id = ops().when().get("/ops/in-doubt").then().statusCode(200).body("$", hasSize(1))
                .body("[0].state", equalTo("in_doubt")).extract().jsonPath().getLong("[0].id");

        // The operator finds that NovaMed did create it (the answer was lost after the create) and says so.
        String novaMedId = sandbox.novaMed().patients().get(0).id().toString();
        ops().contentType("application/json").body(Map.of("novamed_id", novaMedId))
                .when().post("/ops/in-doubt/" + id + "/delivered")
                .then().statusCode(200).body("state", equalTo("delivered")).body("novamed_id", equalTo(novaMedId));
        ops().when().get("/ops/in-doubt").then().body("$", hasSize(0));
        ops().when().post("/ops/in-doubt/" + id + "/release").then().statusCode(409);
    }

    @Test
    void aServerErrorIsHeldInDoubtAndAReleaseSendsItOnce() {
        sandbox.novaMed().faults().respondWith(NovaMedSandbox.PATIENT_PATH, 1, 503,
                "{\"success\":false,\"error\":{\"message\":\"Service unavailable\"}}");
        runner.runAllTenants();
        long id = ops().when().get("/ops/in-doubt").then().body("$", hasSize(1))
                .body("[0].last_http_status", equalTo(503)).extract().jsonPath().getLong("[0].id");
        int before = sandbox.novaMed().patients().size();

        ops().when().post("/ops/in-doubt/" + id + "/release").then().statusCode(200)
                .body("outcome", equalTo("DELIVERED"));

        assertThat(sandbox.novaMed().patients()).hasSize(before + 1);
        assertThat(sandbox.novaMed().recordedRequests().stream()
                .filter(r -> r.path().equals(NovaMedSandbox.PATIENT_PATH) && r.responseStatus() == 503)
                .map(RecordedRequest::body)).hasSize(1);
    }

    @Test
    void resolvingSomethingThatIsNotInDoubtIsAClearError() {
        ops().contentType("application/json").body(Map.of())
                .when().post("/ops/in-doubt/424242/delivered").then().statusCode(400).body("error", equalTo("bad_request"));
        ops().when().post("/ops/in-doubt/424242/release").then().statusCode(400)
                .body("message", equalTo("no ledger record 424242"));
    }
}
