package io.medsync.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.medsync.ledger.Ledger;
import io.medsync.ledger.LedgerEntry;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.RecordState;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.pipeline.SyncJobRunner;
import io.medsync.sandbox.NovaMedSandbox;
import io.medsync.testing.StartsOnACleanSlate;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * One NovaMed practitioner per NPI (issue 15 class 10) and the operator path for records delivered with their NovaMed
 * id unknown (issue 17 item 6): NovaMed answers a second practitioner with a known NPI "already exists" without an
 * id; medsync reuses the id it knows for that NPI, and when it knows none an operator sets it and the patients
 * waiting for it are delivered.
 */
@QuarkusTest
class UnknownIdOpsTest extends StartsOnACleanSlate {

    private static final String TENANT = "demo-clinic";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    SyncJobRunner runner;

    @Inject
    Ledger ledger;

    private static RequestSpecification viewer() {
        return given().header("Authorization", "Bearer sandbox-viewer-token");
    }

    private static RequestSpecification operator() {
        return given().header("Authorization", "Bearer sandbox-operator-token");
    }

    @Test
    void twoProvidersWithOneNpiBecomeOneNovaMedPractitionerAndAllTheirPatientsAreDelivered() {
        // Providers 0 and 5 of the seed are complete (1 to 4 are the deliberately broken ones).
        long first = sandbox.nexHealth().providerIds().get(0);
        long second = sandbox.nexHealth().providerIds().get(5);
        String npi = sandbox.nexHealth().provider(first).orElseThrow().path("npi").asText();
        sandbox.nexHealth().updateProvider(second, p -> p.put("npi", npi));
        int practitionersBefore = sandbox.novaMed().practitioners().size();

        runner.runAllTenants();

        LedgerEntry one = ledger.find(provider(first)).orElseThrow();
        LedgerEntry other = ledger.find(provider(second)).orElseThrow();
        assertThat(List.of(one.state(), other.state())).containsOnly(RecordState.DELIVERED);
        assertThat(other.novaMedId()).as("both source practitioners are the one NovaMed practitioner")
                .isNotNull().isEqualTo(one.novaMedId());
        assertThat(sandbox.novaMed().practitioners().stream().filter(p -> npi.equals(p.request().path("npi").asText())))
                .hasSize(1);
        assertThat(sandbox.novaMed().practitioners().size() - practitionersBefore).isPositive();
        List<Long> patientsOfSecond = sandbox.nexHealth().patientIds().stream()
                .filter(id -> sandbox.nexHealth().patient(id).orElseThrow().path("provider_id").asLong() == second)
                .toList();
        assertThat(patientsOfSecond).isNotEmpty();
        assertThat(patientsOfSecond).as("no patient of the second source practitioner waits for it")
                .allSatisfy(id -> assertThat(ledger.find(patient(id)).orElseThrow().state())
                        .isIn(RecordState.DELIVERED, RecordState.FAILED));
        assertThat(ledger.parkedOn(provider(second))).isEmpty();
        viewer().when().get("/ops/unknown-ids").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void aPractitionerNovaMedHadFromElsewhereIsListedWithWhatItBlocksAndAnOperatorReleasesItsPatients()
            throws Exception {
        long provider = sandbox.nexHealth().providerIds().get(0);
        String npi = sandbox.nexHealth().provider(provider).orElseThrow().path("npi").asText();
        String novaMedId = createPractitionerOutsideMedsync(npi);

        runner.runAllTenants();
        int patientsBefore = sandbox.novaMed().patients().size();

        RecordKey key = provider(provider);
        LedgerEntry entry = ledger.find(key).orElseThrow();
        assertThat(entry.state()).isEqualTo(RecordState.DELIVERED);
        assertThat(entry.novaMedId()).isNull();
        int blocked = ledger.parkedOn(key).size();
        assertThat(blocked).as("its patients wait for its NovaMed id").isPositive();
        viewer().when().get("/ops/unknown-ids").then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].record.id", equalTo((int) entry.id()))
                .body("[0].blocked_dependents", equalTo(blocked))
                .body("[0].record.last_error", containsString("POST /ops/unknown-ids/{id}/novamed-id"))
                .body("[0].record.last_error", containsString("NPI"));

        viewer().contentType("application/json").body(Map.of("novamed_id", novaMedId))
                .when().post("/ops/unknown-ids/" + entry.id() + "/novamed-id").then().statusCode(403);
        operator().contentType("application/json").body(Map.of("novamed_id", "not-a-uuid"))
                .when().post("/ops/unknown-ids/" + entry.id() + "/novamed-id").then().statusCode(400);
        operator().contentType("application/json").body(Map.of("novamed_id", novaMedId))
                .when().post("/ops/unknown-ids/" + entry.id() + "/novamed-id").then().statusCode(200)
                .body("record.novamed_id", equalTo(novaMedId))
                .body("released_dependents", equalTo(blocked))
                .body("still_parked", equalTo(0));

        assertThat(sandbox.novaMed().patients()).as("the released patients reached NovaMed")
                .hasSize(patientsBefore + blocked);
        assertThat(sandbox.novaMed().patients().subList(patientsBefore, patientsBefore + blocked))
                .allSatisfy(p -> assertThat(p.request().path("practitioner_id").asText()).isEqualTo(novaMedId));
        viewer().when().get("/ops/unknown-ids").then().body("$", hasSize(0));
        operator().contentType("application/json").body(Map.of("novamed_id", novaMedId))
                .when().post("/ops/unknown-ids/" + entry.id() + "/novamed-id").then().statusCode(409);
        String audit = viewer().when().get("/ops/audit").then().statusCode(200).extract().asString();
        assertThat(JsonPath.from(audit).<Map<String, Object>>getList("$")).anySatisfy(e -> assertThat(e)
                .containsEntry("actor", "olga").containsEntry("action", "unknown-id.set")
                .containsEntry("recordKeys", key.toString()).containsEntry("outcome", "ok"));
    }

    /** What someone else did in NovaMed: a practitioner with this NPI, created directly through its API. */
    private String createPractitionerOutsideMedsync(String npi) throws Exception {
        NovaMedSandbox novaMed = sandbox.novaMed();
        String body = JSON.writeValueAsString(Map.of("first_name", "Other", "last_name", "Office", "email",
                "frontdesk@example.org", "npi", npi, "is_veterinarian", false, "assigned_clinic", novaMed.clinicId(),
                "address_line_1", "1 Main St", "city", "Austin", "state_code", "TX", "zip_code", "78701"));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + novaMed.port() + NovaMedSandbox.PRACTITIONER_PATH))
                .header("x-api-key", novaMed.apiKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(response.body());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        return answer.path("data").path("practitioner_id").asText();
    }

    private static RecordKey provider(long id) {
        return new RecordKey(TENANT, SourceSystem.NEXHEALTH, ResourceType.PROVIDER, String.valueOf(id));
    }

    private static RecordKey patient(long id) {
        return new RecordKey(TENANT, SourceSystem.NEXHEALTH, ResourceType.PATIENT, String.valueOf(id));
    }
}
