package io.medsync.nextgen;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.medsync.ledger.DeadLetter;
import io.medsync.ledger.DeadLetterFilter;
import io.medsync.ledger.DeadLetterStore;
import io.medsync.pipeline.SyncJobRunner;
import io.medsync.pipeline.SyncRun;
import io.medsync.pipeline.SyncSummary;
import io.medsync.sandbox.FaultInjector;
import io.medsync.sandbox.NovaMedSandbox;
import io.medsync.sandbox.nextgen.NextGenSandbox;
import io.medsync.tenant.FhirVersion;
import io.medsync.testing.ConsentBrowser;
import io.medsync.testing.StartsOnACleanSlate;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Issue 15's acceptance "preview shows the same as the sync": each of the new input classes (Bundles referring by
 * fullUrl with id-less entries, message Bundles, a deceased patient and its orders, a suspended or on-hold status, a
 * contained prescriber without NPI, whose patient then names no practitioner either) is synced from a FHIR server that
 * holds the Bundle's resources, then previewed: the preview must show exactly the bodies NovaMed received and exactly
 * the reasons of the dead letters. (A Medication alone has no sync counterpart: {@link MappingPreviewTest}.)
 */
@QuarkusTest
class PreviewMatchesSyncTest extends StartsOnACleanSlate {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    SyncJobRunner runner;

    @Inject
    DeadLetterStore deadLetters;

    @AfterEach
    void serveTheChartsAgain() {
        sandbox.nextGen().faults().clear();
    }

    /** The case, the FHIR version, the Bundle, how it is changed, bodies NovaMed receives, records refused. */
    static Stream<Arguments> inputs() {
        return Stream.of(
                row("transaction Bundle, urn:uuid references, id-less entries", FhirVersion.R4,
                        "r4-transaction-urn-uuid.json", b -> { }, 3, 0),
                row("transaction Bundle, urn:uuid references, id-less entries", FhirVersion.DSTU2,
                        "dstu2-transaction-urn-uuid.json", b -> { }, 3, 0),
                row("message Bundle, prescriber named through a PractitionerRole", FhirVersion.R4,
                        "r4-message-prescription-order.json", b -> { }, 4, 0),
                row("message Bundle", FhirVersion.DSTU2, "dstu2-message-prescription.json", b -> { }, 3, 0),
                row("message Bundle nesting its content Bundle", FhirVersion.R4, "r4-message-nested-collection.json",
                        b -> { }, 3, 0),
                row("deceased patient: the patient and its order each say why", FhirVersion.R4,
                        "r4-transaction-urn-uuid.json", b -> resource(b, 0).put("deceasedBoolean", true), 1, 2),
                row("deceased patient: the patient and its order each say why", FhirVersion.DSTU2,
                        "dstu2-transaction-urn-uuid.json", b -> resource(b, 0).put("deceasedDateTime", "2024-02-01"),
                        1, 2),
                row("suspended order", FhirVersion.R4, "r4-transaction-urn-uuid.json",
                        b -> resource(b, 3).put("status", "suspended"), 2, 1),
                row("on-hold order", FhirVersion.DSTU2, "dstu2-transaction-urn-uuid.json",
                        b -> resource(b, 3).put("status", "on-hold"), 2, 1),
                row("contained prescriber without NPI", FhirVersion.R4, "r4-transaction-urn-uuid.json",
                        b -> containedPrescriberWithoutNpi(b, "requester"), 0, 2),
                row("contained prescriber without NPI", FhirVersion.DSTU2, "dstu2-transaction-urn-uuid.json",
                        b -> containedPrescriberWithoutNpi(b, "prescriber"), 0, 2));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("inputs")
    void thePreviewShowsWhatTheSyncDid(String input, FhirVersion version, String file, Consumer<ObjectNode> change,
            int sentBodies, int refusedRecords) throws Exception {
        ObjectNode bundle = (ObjectNode) JSON.readTree(FhirBundleReferencesTest.resource(file));
        change.accept(bundle);
        String tenant = version == FhirVersion.R4 ? NextGenTenantsProfile.R4_TENANT
                : NextGenTenantsProfile.DSTU2_TENANT;
        String enrolled = sandbox.nextGen().cleanPatientId();
        ConsentBrowser.enrol(NextGenTenantsProfile.APP_PORT, tenant, enrolled);
        serveFromTheFhirServer(version, enrolled, bundle);

        runner.runScheduled(tenant, "nextgen");

        Set<JsonNode> sent = sandbox.novaMed().recordedRequests().stream().filter(r -> r.responseStatus() == 200)
                .map(r -> request(r.path(), read(r.body())))
                .collect(Collectors.toSet());
        Map<String, String> deadLettered = deadLetters.list(DeadLetterFilter.open()).stream()
                .collect(Collectors.toMap(l -> l.key().toString(), DeadLetter::reason, (a, b) -> a, TreeMap::new));
        assertThat(sent).as("bodies NovaMed received").hasSize(sentBodies);
        assertThat(deadLettered).as("records refused by the sync").hasSize(refusedRecords);
        int novaMedCalls = sandbox.novaMed().recordedRequests().size();

        JsonNode answer = preview(tenant, bundle);

        Set<JsonNode> previewed = new java.util.HashSet<>();
        answer.path("payloads").forEach(p -> {
            assertThat(p.path("ledger_state").asText()).as("ledger state of %s", p.path("record").asText())
                    .isEqualTo("DELIVERED");
            previewed.add(request(p.path("path").asText(), p.path("body")));
        });
        assertThat(previewed).as("previewed bodies").isEqualTo(sent);
        Map<String, String> refused = new TreeMap<>();
        answer.path("problems").forEach(p -> {
            if (!"document".equals(p.path("record").asText())) {
                refused.put(p.path("record").asText(), p.path("reason").asText());
            }
        });
        assertThat(refused).as("previewed reasons").isEqualTo(deadLettered);
        assertThat(sandbox.novaMed().recordedRequests()).as("the preview sends nothing").hasSize(novaMedCalls);
    }

    /**
     * Issue 15 class 14: resource types medsync does not read are one note, by type and count, in the run summary
     * and the run record as in the preview; no content of theirs.
     */
    @Test
    void unreadResourceTypesAreNotedInTheRunSummaryAndRecord() throws Exception {
        JsonNode bundle = JSON.readTree(FhirBundleReferencesTest.resource("r4-message-prescription-order.json"));
        String tenant = NextGenTenantsProfile.R4_TENANT;
        String enrolled = sandbox.nextGen().cleanPatientId();
        ConsentBrowser.enrol(NextGenTenantsProfile.APP_PORT, tenant, enrolled);
        serveFromTheFhirServer(FhirVersion.R4, enrolled, (ObjectNode) bundle);

        SyncRun run = runner.runScheduled(tenant, "nextgen");

        String note = "1 Organization, 1 Provenance entries medsync does not read (it reads Patient, Practitioner,"
                + " Medication and prescriptions)";
        assertThat(SyncSummary.table(run)).contains("UNREAD " + tenant + "/nextgen: " + note);
        assertThat(SyncSummary.asMap(run)).extracting("unread_resources")
                .isEqualTo(Map.of(tenant + "/nextgen", Map.of("Organization", 1L, "Provenance", 1L)));
        given().header("Authorization", "Bearer sandbox-viewer-token")
                .when().get("/ops/tenants/" + tenant + "/runs?source=nextgen").then().statusCode(200)
                .body("[0].unreadResources", equalTo(Map.of("Organization", 1, "Provenance", 1)));
        assertThat(preview(tenant, bundle).path("problems")).extracting(p -> p.path("reason").asText())
                .contains("the Bundle holds " + note);
    }

    /**
     * A requester that is a PractitionerRole the Bundle does not hold: the sync reads it from the FHIR server and
     * prescribes by its practitioner; when the server does not return it, the sync and the preview (which reads no
     * server) refuse the order naming the role.
     */
    @Test
    void aPractitionerRoleOnTheServerNamesThePrescriber() throws Exception {
        ObjectNode bundle = (ObjectNode) JSON.readTree(FhirBundleReferencesTest.resource("r4-transaction-urn-uuid.json"));
        resource(bundle, 3).putObject("requester").put("reference", "PractitionerRole/role-1");
        String tenant = NextGenTenantsProfile.R4_TENANT;
        String enrolled = sandbox.nextGen().cleanPatientId();
        ConsentBrowser.enrol(NextGenTenantsProfile.APP_PORT, tenant, enrolled);
        serveFromTheFhirServer(FhirVersion.R4, enrolled, bundle);
        sandbox.nextGen().faults().respondWith(NextGenSandbox.R4_BASE + "PractitionerRole/role-1", 1, 200,
                "{\"resourceType\":\"PractitionerRole\",\"id\":\"role-1\",\"practitioner\":{\"reference\":"
                        + "\"Practitioner/88f151c0-a954-468a-88bd-5ae15c08e059\"}}");

        runner.runScheduled(tenant, "nextgen");

        assertThat(deadLetters.list(DeadLetterFilter.open())).isEmpty();
        String practitioner = sandbox.novaMed().practitioners().stream().map(p -> p.id().toString())
                .reduce((a, b) -> a + "," + b).orElseThrow();
        assertThat(sandbox.novaMed().medicationOrders()).as("prescribed by the practitioner the role names")
                .extracting(NovaMedSandbox.MedicationOrder::practitionerId).containsExactly(practitioner);
    }

    @Test
    void aPractitionerRoleTheServerDoesNotReturnIsNamedInTheRefusal() throws Exception {
        ObjectNode bundle = (ObjectNode) JSON.readTree(FhirBundleReferencesTest.resource("r4-transaction-urn-uuid.json"));
        resource(bundle, 3).putObject("requester").put("reference", "PractitionerRole/role-1");
        String tenant = NextGenTenantsProfile.R4_TENANT;
        String enrolled = sandbox.nextGen().cleanPatientId();
        ConsentBrowser.enrol(NextGenTenantsProfile.APP_PORT, tenant, enrolled);
        serveFromTheFhirServer(FhirVersion.R4, enrolled, bundle);
        sandbox.nextGen().faults().respondWith(NextGenSandbox.R4_BASE + "PractitionerRole/role-1", 1, 404,
                "{\"resourceType\":\"OperationOutcome\"}");

        runner.runScheduled(tenant, "nextgen");

        String reason = "mapping: medication order requester PractitionerRole/role-1 was not resolved to a"
                + " Practitioner: the FHIR server did not return that PractitionerRole, or it names no practitioner";
        String order = tenant + "/nextgen/medication_order/f0a5ae7e-2b0c-4d2a-9bd4-6e6b0b2c1a11";
        assertThat(deadLetters.list(DeadLetterFilter.open())).filteredOn(l -> l.key().toString().equals(order))
                .extracting(DeadLetter::reason).containsExactly(reason);
        assertThat(preview(tenant, bundle).path("problems")).filteredOn(p -> p.path("record").asText().equals(order))
                .extracting(p -> p.path("reason").asText()).containsExactly(reason);
    }

    /**
     * The FHIR server answers as one holding the Bundle's resources: the enrolled patient's read is the Bundle's
     * patient, the prescription search is the Bundle, and practitioners and medications are read by their ids.
     */
    private void serveFromTheFhirServer(FhirVersion version, String enrolled, ObjectNode bundle) {
        String base = version == FhirVersion.R4 ? NextGenSandbox.R4_BASE : NextGenSandbox.DSTU2_BASE;
        FaultInjector server = sandbox.nextGen().faults();
        for (BundleEntries.Entry entry : BundleEntries.of(bundle)) {
            JsonNode resource = entry.resource();
            String type = resource.path("resourceType").asText();
            switch (type) {
                case "Patient" -> server.respondWith(base + "Patient/" + enrolled, 100, 200, resource.toString());
                case "Practitioner", "Medication" -> server.respondWith(base + type + "/" + resource.path("id")
                        .asText(), 100, 200, resource.toString());
                default -> {
                }
            }
        }
        server.respondWith(base + version.medicationOrderType(), 100, 200, bundle.toString());
    }

    private static void containedPrescriberWithoutNpi(ObjectNode bundle, String prescriberElement) {
        ObjectNode practitioner = resource(bundle, 1).deepCopy();
        practitioner.put("id", "pr1");
        practitioner.remove("identifier");
        ObjectNode order = resource(bundle, 3);
        order.putArray("contained").add(practitioner);
        order.putObject(prescriberElement).put("reference", "#pr1");
        // Only the order holds its prescriber: a server answers nothing else for it.
        bundle.withArray("entry").remove(1);
    }

    private static ObjectNode resource(ObjectNode bundle, int entry) {
        return (ObjectNode) bundle.path("entry").get(entry).path("resource");
    }

    private static Arguments row(String input, FhirVersion version, String file, Consumer<ObjectNode> change,
            int sentBodies, int refusedRecords) {
        return Arguments.of(input, version, file, change, sentBodies, refusedRecords);
    }

    private JsonNode preview(String tenant, JsonNode document) throws Exception {
        ObjectNode request = JSON.createObjectNode().put("tenant", tenant).put("source", "fhir");
        request.set("document", document);
        return JSON.readTree(given().auth().oauth2("sandbox-ops-token").contentType(ContentType.JSON)
                .body(request.toString()).when().post("/ops/preview").then().statusCode(200).extract().asString());
    }

    /** A NovaMed request as the test compares it: where it went and what it said. */
    private static JsonNode request(String path, JsonNode body) {
        ObjectNode request = JSON.createObjectNode().put("path", path);
        request.set("body", body);
        return request;
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
