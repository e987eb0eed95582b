package io.medsync.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.medsync.pipeline.SyncJobRunner;
import io.medsync.sandbox.NovaMedSandbox;
import io.medsync.sandbox.SandboxLauncher;
import io.medsync.testing.CleanSlate;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthTest {

    @Inject
    SyncJobRunner runner;
    @Inject
    SandboxLauncher sandbox;
    @Inject
    DataSource dataSource;

    @Test
    void readinessReportsTheLedgerDatabaseAndCamel() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
    }

    @Test
    void partnerReachabilityIsAGroupOfItsOwnFedByRecentCallsAndNotPartOfReadiness() {
        CleanSlate.reset(sandbox, dataSource);
        // NovaMed answers every patient create with a 503: its latest calls all failed to reach it.
        sandbox.novaMed().faults().respondWith(NovaMedSandbox.PATIENT_PATH, 10_000, 503, "{}");
        runner.runScheduled("demo-clinic", "nexhealth");

        given().when().get("/q/health/group/partners").then().statusCode(503).body("status", equalTo("DOWN"))
                .body("checks[0].data.novamed", startsWith("unreachable"))
                .body("checks[0].data.nexhealth", startsWith("reachable"));
        given().when().get("/q/health/ready").then().statusCode(200).body("checks.name", not(hasItem("partners")));

        CleanSlate.reset(sandbox, dataSource);
        runner.runScheduled("demo-clinic", "nexhealth");
        given().when().get("/q/health/group/partners").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks[0].data.novamed", startsWith("reachable"));
    }

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
