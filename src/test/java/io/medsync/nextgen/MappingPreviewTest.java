package io.medsync.nextgen;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ca.uhn.fhir.context.FhirContext;
import io.medsync.pipeline.SyncJobRunner;
import io.medsync.testing.LogCapture;
import io.medsync.testing.StartsOnACleanSlate;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The preview answers, for a FHIR Bundle with several MedicationRequests, exactly the payloads a real sync sent to
 * NovaMed, and the reasons for the ones it would not send; it stores and sends nothing.
 */
@QuarkusTest
class MappingPreviewTest extends StartsOnACleanSlate {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TENANT = NextGenTenantsProfile.R4_TENANT;

    @Inject
    SyncJobRunner runner;

    @Test
    void aBundlePreviewEqualsWhatTheSyncSent() throws Exception {
        String patientId = sandbox.nextGen().cleanPatientId();
        NextGenConsentSyncTest.followConsent(TENANT, patientId);
        runner.runScheduled(TENANT, "nextgen");
        Set<JsonNode> sent = sandbox.novaMed().recordedRequests().stream()
                .filter(r -> r.path().equals(NextGenConsentSyncTest.ORDER_PATH) && r.responseStatus() == 200)
                .map(r -> read(r.body())).collect(Collectors.toSet());
        assertThat(sent).isNotEmpty();
        int novaMedCalls = sandbox.novaMed().recordedRequests().size();

        List<MedicationRequest> requests = sandbox.nextGen().r4MedicationRequests(patientId);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        requests.forEach(r -> bundle.addEntry().setResource(r));
        JsonNode answer = preview(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(bundle));

        Set<JsonNode> previewed = new java.util.HashSet<>();
        answer.path("payloads").forEach(p -> {
            assertThat(p.path("path").asText()).isEqualTo(NextGenConsentSyncTest.ORDER_PATH);
            assertThat(p.path("ledger_state").asText()).isEqualTo("DELIVERED");
            previewed.add(p.path("body"));
        });
        assertThat(previewed).isEqualTo(sent);
        long inactive = requests.stream().filter(r -> r.getStatus() != MedicationRequest.MedicationRequestStatus.ACTIVE)
                .count();
        assertThat(answer.path("problems")).hasSize((int) inactive);
        answer.path("problems").forEach(p -> assertThat(p.path("reason").asText()).contains("not active"));
        assertThat(sandbox.novaMed().recordedRequests()).hasSize(novaMedCalls);
    }

    @Test
    void aPrescriptionWhosePartiesAreNotInNovaMedYetSaysWhatItWaitsFor() throws Exception {
        String patientId = sandbox.nextGen().cleanPatientId();
        MedicationRequest active = sandbox.nextGen().r4MedicationRequests(patientId).stream()
                .filter(r -> r.getStatus() == MedicationRequest.MedicationRequestStatus.ACTIVE).findFirst().orElseThrow();
        JsonNode answer = preview(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(active));
        JsonNode payload = answer.path("payloads").get(0);
        assertThat(payload.path("ledger_state").asText()).isEqualTo("NEW");
        assertThat(payload.path("waiting_for").get(0).asText()).contains("/nextgen/patient/" + patientId);
        assertThat(payload.path("body").path("carrier_id").asText()).isEqualTo("se-3818360");
        assertThat(payload.path("body").has("patient_id")).isFalse();
    }

    @Test
    void badRequestsAreClearErrors() {
        try (LogCapture log = LogCapture.start()) {
            given().auth().oauth2("sandbox-ops-token").contentType(ContentType.JSON)
                    .body("{\"tenant\":\"" + TENANT + "\",\"source\":\"fhir\",\"document\":{\"resourceType\":\"Nonsense\"}}")
                    .when().post("/ops/preview")
                    .then().statusCode(400).body("error", is("bad_request"))
                    .body("message", startsWith("the document is not a readable FHIR"));
            // A client's unreadable document is no failure of medsync: no ERROR with a stack trace from the route.
            assertThat(log.lines()).noneMatch(line -> line.contains("nextgen-sync-patient")
                    || line.contains("IllegalArgumentException") || line.contains("FormatException"));
        }
        given().auth().oauth2("sandbox-ops-token").contentType(ContentType.JSON)
                .body("{\"tenant\":\"nope\",\"source\":\"fhir\",\"document\":{}}")
                .when().post("/ops/preview")
                .then().statusCode(404).body("error", is("unknown_tenant"));
        given().contentType(ContentType.JSON).body("{}")
                .when().post("/ops/preview")
                .then().statusCode(401);
    }

    /** Issue 15 class 11: a message Bundle's prescriptions, prescriber and patient referred to by urn:uuid. */
    @Test
    void aPrescriptionMessageBundleIsPreviewedWithItsPartiesResolved() throws Exception {
        JsonNode answer = preview(FhirBundleReferencesTest.resource("r4-message-prescription-order.json"));

        assertThat(answer.path("payloads")).extracting(p -> p.path("record").asText()).containsExactly(
                TENANT + "/nextgen/provider/a8c85454-f8cb-498d-9629-78e2cb5fa47a",
                TENANT + "/nextgen/patient/78d3c2eb-009e-4ec8-a358-b042954aa9b2",
                TENANT + "/nextgen/medication_order/a54219b8-f741-4c47-b662-e4f8dfa49ab6",
                TENANT + "/nextgen/medication_order/a54219b8-f741-4c47-b662-e4f8dfa49ab7");
        assertThat(answer.path("payloads").get(2).path("waiting_for")).extracting(JsonNode::asText).containsExactly(
                TENANT + "/nextgen/patient/78d3c2eb-009e-4ec8-a358-b042954aa9b2");
        assertThat(answer.path("problems")).extracting(p -> p.path("record").asText() + ": "
                + p.path("reason").asText()).containsExactly("document: the Bundle holds 1 Organization, 1 Provenance"
                        + " entries medsync does not read (it reads Patient, Practitioner, Medication and"
                        + " prescriptions)");
    }

    /** Issue 15 classes 7 and 14: a Medication alone, a deceased patient's order, a body that is not JSON. */
    @Test
    void whatIsNotSentSaysWhy() throws Exception {
        JsonNode medicationOnly = preview("{\"resourceType\":\"Medication\",\"id\":\"med-1\",\"code\":{\"text\":"
                + "\"Amlodipine 5 MG Oral Tablet\"}}");
        assertThat(medicationOnly.path("payloads")).isEmpty();
        assertThat(medicationOnly.path("problems")).extracting(p -> p.path("reason").asText()).containsExactly(
                "the document holds Medication but no MedicationRequest: nothing is sent, since NovaMed receives"
                        + " medication orders and a Medication is read only for the MedicationRequest that refers"
                        + " to it");

        ObjectNode bundle = (ObjectNode) JSON.readTree(FhirBundleReferencesTest.resource(
                "r4-transaction-urn-uuid.json"));
        ((ObjectNode) bundle.path("entry").get(0).path("resource")).put("deceasedBoolean", true);
        JsonNode deceased = preview(bundle.toString());
        assertThat(deceased.path("problems")).extracting(p -> p.path("reason").asText()).contains(
                "mapping: patient Patient/61ebe359-bfdc-4613-8bf2-c5e300945f0a is deceased; order not sent");
        assertThat(deceased.path("payloads")).extracting(p -> p.path("path").asText())
                .doesNotContain(NextGenConsentSyncTest.ORDER_PATH);

        given().auth().oauth2("sandbox-ops-token").contentType(ContentType.JSON)
                .body("{\"tenant\":\"" + TENANT + "\",\n \"source\":\"fhir\", \"document\":{\"resourceType\" \"Patient\"}}")
                .when().post("/ops/preview")
                .then().statusCode(400).body("error", is("bad_request"))
                .body("message", startsWith("the body is not valid JSON (line 2, column "));
    }

    private JsonNode preview(String fhirJson) throws Exception {
        ObjectNode request = JSON.createObjectNode().put("tenant", TENANT).put("source", "fhir");
        request.set("document", JSON.readTree(fhirJson));
        String body = given().auth().oauth2("sandbox-ops-token").contentType(ContentType.JSON)
                .body(request.toString())
                .when().post("/ops/preview")
                .then().statusCode(200).extract().asString();
        return JSON.readTree(body);
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
