package io.medsync.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.medsync.pipeline.SyncJobRunner;
import io.medsync.sandbox.NovaMedSandbox;
import io.medsync.testing.StartsOnACleanSlate;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Named operators: a viewer reads but cannot act or read payloads (403), an operator can, and both the PHI read and
 * the replay appear in the audit trail under the operator's name, with the record's key and without the PHI.
 */
@QuarkusTest
class OpsAuditTest extends StartsOnACleanSlate {

    private static final String REJECTION = "{\"success\":false,\"error\":{\"message\":\"Validation error\","
            + "\"details\":{\"assigned_clinic\":\"must be an active clinic\"}}}";

    @Inject
    SyncJobRunner runner;

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private static RequestSpecification viewer() {
        return as("sandbox-viewer-token");
    }

    private static RequestSpecification operator() {
        return as("sandbox-operator-token");
    }

    @Test
    void withoutAValidTokenTheOpsApiAnswersJson401() {
        given().when().get("/ops/tenants").then().statusCode(401).contentType(ContentType.JSON)
                .body("error", equalTo("unauthorized"));
        as("not-a-token").when().get("/ops/tenants").then().statusCode(401).contentType(ContentType.JSON);
        viewer().when().get("/ops/tenants").then().statusCode(200);
        as("sandbox-ops-token").when().get("/ops/tenants").then().statusCode(200);
    }

    @Test
    void aPhiReadAndAReplayByANamedOperatorAreAuditedWithoutPhiAndAViewerCannotReplay() {
        sandbox.novaMed().faults().respondWith(NovaMedSandbox.PATIENT_PATH, 1, 400, REJECTION);
        runner.runAllTenants();
        Map<String, Object> letter = viewer().queryParam("stage", "push").when().get("/ops/dead-letters")
                .then().statusCode(200).extract().jsonPath().getMap("[0]");
        Object id = letter.get("id");
        String key = letter.get("tenant") + "/nexhealth/patient/" + letter.get("source_id");

        viewer().when().post("/ops/dead-letters/" + id + "/replay").then().statusCode(403)
                .contentType(ContentType.JSON).body("error", equalTo("forbidden"));
        viewer().queryParam("include_payload", true).when().get("/ops/dead-letters/" + id).then().statusCode(403);
        JsonPath payload = operator().queryParam("include_payload", true).when().get("/ops/dead-letters/" + id)
                .then().statusCode(200).extract().jsonPath();
        List<String> phi = java.util.stream.Stream.of("first_name", "last_name", "email")
                .map(field -> payload.getString("payload." + field)).filter(v -> v != null).toList();
        assertThat(phi).as("the payload read is PHI: a name at least").hasSizeGreaterThanOrEqualTo(2);
        operator().when().post("/ops/dead-letters/" + id + "/replay").then().statusCode(200);

        String audit = viewer().when().get("/ops/audit").then().statusCode(200).extract().asString();
        List<Map<String, Object>> entries = JsonPath.from(audit).getList("$");
        assertThat(entries).anySatisfy(e -> assertThat(e).containsEntry("actor", "olga")
                .containsEntry("action", "dead-letter.show (payload read)").containsEntry("recordKeys", key)
                .containsEntry("outcome", "ok"));
        assertThat(entries).anySatisfy(e -> assertThat(e).containsEntry("actor", "olga")
                .containsEntry("action", "dead-letter.replay").containsEntry("recordKeys", key)
                .containsEntry("endpoint", "POST /ops/dead-letters/" + id + "/replay")
                .containsEntry("outcome", "ok"));
        assertThat(entries).anySatisfy(e -> assertThat(e).containsEntry("actor", "vera")
                .containsEntry("action", "dead-letter.replay").containsEntry("outcome", "denied")
                .containsEntry("httpStatus", 403));
        assertThat(entries).as("plain reads are not audited")
                .noneMatch(e -> "GET /ops/dead-letters".equals(e.get("endpoint")));
        for (String value : phi) {
            assertThat(audit).as("the audit trail holds no PHI").doesNotContain(value);
        }
        viewer().queryParam("actor", "vera").when().get("/ops/audit").then().statusCode(200)
                .body("actor.unique()", equalTo(List.of("vera")));
    }
}
