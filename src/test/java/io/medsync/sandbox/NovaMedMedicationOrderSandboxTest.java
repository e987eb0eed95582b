package io.medsync.sandbox;

import static io.medsync.contract.ContractValidators.assertValidNovaMedLegacyRequest;
import static io.medsync.contract.ContractValidators.assertValidNovaMedRequest;
import static io.medsync.contract.ContractValidators.assertValidNovaMedResponse;
import static io.medsync.sandbox.SandboxHttp.json;
import static io.medsync.sandbox.SandboxHttp.toJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.medsync.novamed.NovaMedLegacyMedicationRequest;
import io.medsync.novamed.NovaMedMedicationOrder;
import io.medsync.novamed.NovaMedPatient;
import io.medsync.novamed.NovaMedPractitioner;

/** The NovaMed sandbox's medication orders: shape B at medication-order, legacy shape A at medication-request. */
class NovaMedMedicationOrderSandboxTest {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final SandboxSettings settings = SandboxSettings.defaults().withEphemeralPorts();
    private NovaMedSandbox sandbox;
    private SandboxHttp http;
    private String practitionerId;
    private String patientId;

    @BeforeEach
    void start() throws IOException {
        sandbox = new NovaMedSandbox(settings,
                new SandboxClock(Clock.fixed(Instant.parse("2030-01-01T00:00:10Z"), ZoneOffset.UTC)));
        sandbox.start();
        http = new SandboxHttp(sandbox.baseUri());
        practitionerId = created(NovaMedSandbox.PRACTITIONER_PATH, new NovaMedPractitioner("Renée", "O'Brien",
                "renee.obrien@example.com", "1234567893", false, sandbox.clinicId(), null, "100 Congress Ave", null,
                "Austin", "TX", "78701"), "practitioner_id");
        patientId = created(NovaMedSandbox.PATIENT_PATH, new NovaMedPatient("Zoë", null, "Nguyễn", "female",
                "1985-03-15", "human", null, practitionerId, sandbox.clinicId(), null,
                List.of(new NovaMedPatient.Address("12 Maple Ave", null, "Austin", "TX", "78701"))), "patient_id");
    }

    @AfterEach
    void stop() {
        sandbox.stop();
    }

    private String created(String path, Object body, String idField) throws IOException {
        HttpResponse<String> r = post(path, toJson(body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).path("data").path(idField).asText();
    }

    private HttpResponse<String> post(String path, String body) throws IOException {
        return http.post(path, body, Map.of("x-api-key", sandbox.apiKey()));
    }

    private NovaMedMedicationOrder order(String patient, String practitioner) {
        return new NovaMedMedicationOrder(patient, practitioner, sandbox.clinicId(), "se-3818360", "fedex_ground",
                true, List.of(new NovaMedMedicationOrder.Item("Testosterone Cypionate", "200mg/ml", "mL",
                        BigDecimal.ONE, "3", "Inject 0.5ml (100mg) intramuscularly twice weekly", 30)));
    }

    @Test
    void validOrderIsCreatedPendingAndTheExchangeMatchesTheContract() throws IOException {
        String body = toJson(order(patientId, practitionerId));
        assertValidNovaMedRequest("POST", NovaMedSandbox.MEDICATION_ORDER_PATH, body);

        HttpResponse<String> r = post(NovaMedSandbox.MEDICATION_ORDER_PATH, body);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).path("success").asBoolean()).isTrue();
        assertThat(json(r).path("message").asText()).isEqualTo("Medication request created successfully");
        String id = json(r).path("data").path("medication_request_id").asText();
        assertThat(id).matches(UUID_PATTERN);
        assertValidNovaMedResponse("POST", NovaMedSandbox.MEDICATION_ORDER_PATH, 200, r.body());
        assertThat(sandbox.medicationOrders()).singleElement().satisfies(o -> {
            assertThat(o.id().toString()).isEqualTo(id);
            assertThat(o.patientId()).isEqualTo(patientId);
            assertThat(o.practitionerId()).isEqualTo(practitionerId);
            assertThat(o.clinicId()).isEqualTo(sandbox.clinicId());
            assertThat(o.status()).isEqualTo("pending");
            assertThat(o.items()).singleElement()
                    .satisfies(i -> assertThat(i.path("refills").asText()).isEqualTo("3"));
        });
    }

    @Test
    void theSameOrderTwiceIsTwoOrdersBecauseNovaMedHasNoDuplicateDetectionForOrders() throws IOException {
        String body = toJson(order(patientId, practitionerId));

        assertThat(post(NovaMedSandbox.MEDICATION_ORDER_PATH, body).statusCode()).isEqualTo(200);
        assertThat(post(NovaMedSandbox.MEDICATION_ORDER_PATH, body).statusCode()).isEqualTo(200);

        assertThat(sandbox.medicationOrders()).hasSize(2).extracting(NovaMedSandbox.MedicationOrder::id)
                .doesNotHaveDuplicates();
    }

    @Test
    void unknownPatientOrPractitionerIs404AndTheClinicsOwnPractitionerIsKnown() throws IOException {
        HttpResponse<String> noPatient = post(NovaMedSandbox.MEDICATION_ORDER_PATH,
                toJson(order(UUID.randomUUID().toString(), practitionerId)));
        HttpResponse<String> noPractitioner = post(NovaMedSandbox.MEDICATION_ORDER_PATH,
                toJson(order(patientId, UUID.randomUUID().toString())));
        HttpResponse<String> clinicPractitioner = post(NovaMedSandbox.MEDICATION_ORDER_PATH,
                toJson(order(patientId, NovaMedSandbox.CLINIC_PRACTITIONER_ID)));

        assertThat(noPatient.statusCode()).isEqualTo(404);
        assertThat(json(noPatient)).isEqualTo(
                SandboxHttp.MAPPER.readTree("{\"success\":false,\"error\":{\"message\":\"Patient not found\"}}"));
        assertThat(noPractitioner.statusCode()).isEqualTo(404);
        assertThat(json(noPractitioner).path("error").path("message").asText()).isEqualTo("Practitioner not found");
        assertValidNovaMedResponse("POST", NovaMedSandbox.MEDICATION_ORDER_PATH, 404, noPatient.body());
        assertThat(clinicPractitioner.statusCode()).isEqualTo(200);
        assertThat(sandbox.medicationOrders()).hasSize(1);
    }

    static Stream<Arguments> invalidOrders() {
        return Stream.of(
                Arguments.of("medication_requests[0].refills", (Consumer<ObjectNode>) o -> item(o).put("refills", 3)),
                Arguments.of("medication_requests[0].direction",
                        (Consumer<ObjectNode>) o -> item(o).remove("direction")),
                Arguments.of("medication_requests[0].quantity",
                        (Consumer<ObjectNode>) o -> item(o).put("quantity", "one")),
                Arguments.of("medication_requests[0].instructions",
                        (Consumer<ObjectNode>) o -> item(o).put("instructions", "twice weekly")),
                Arguments.of("medication_requests", (Consumer<ObjectNode>) o -> o.putArray("medication_requests")),
                Arguments.of("carrier_id", (Consumer<ObjectNode>) o -> o.remove("carrier_id")),
                Arguments.of("patient_id", (Consumer<ObjectNode>) o -> o.put("patient_id", "patient-42")),
                Arguments.of("is_refrigerated", (Consumer<ObjectNode>) o -> o.put("is_refrigerated", "yes")),
                Arguments.of("delivery_speed", (Consumer<ObjectNode>) o -> o.put("delivery_speed", "next-day")));
    }

    private static ObjectNode item(ObjectNode order) {
        return (ObjectNode) order.get("medication_requests").get(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOrders")
    void schemaViolationIs400NamingTheField(String field, Consumer<ObjectNode> breakIt) throws IOException {
        ObjectNode body = SandboxHttp.MAPPER.valueToTree(order(patientId, practitionerId));
        breakIt.accept(body);

        HttpResponse<String> r = post(NovaMedSandbox.MEDICATION_ORDER_PATH, body.toString());

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = json(r).path("error");
        assertThat(error.path("message").asText()).isEqualTo("Validation error");
        assertThat(error.path("details").has(field)).as(r.body()).isTrue();
        assertThat(sandbox.medicationOrders()).isEmpty();
        assertValidNovaMedResponse("POST", NovaMedSandbox.MEDICATION_ORDER_PATH, 400, r.body());
    }

    @Test
    void orderForAnotherClinicIsRejected() throws IOException {
        ObjectNode body = SandboxHttp.MAPPER.valueToTree(order(patientId, practitionerId));
        body.put("clinic_id", UUID.randomUUID().toString());

        HttpResponse<String> r = post(NovaMedSandbox.MEDICATION_ORDER_PATH, body.toString());

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("error").path("message").asText()).isEqualTo("Clinic not found");
    }

    @Test
    void legacyEndpointAcceptsTheFlatShapeAndValidatesItsIntegers() throws IOException {
        NovaMedLegacyMedicationRequest legacy = new NovaMedLegacyMedicationRequest(sandbox.clinicId(), patientId,
                practitionerId, "Testosterone Cypionate", "200mg/ml", 1, 3, 30,
                "Inject 0.5ml (100mg) intramuscularly twice weekly");
        String body = toJson(legacy);
        assertValidNovaMedLegacyRequest("POST", NovaMedSandbox.LEGACY_MEDICATION_REQUEST_PATH, body);

        HttpResponse<String> ok = post(NovaMedSandbox.LEGACY_MEDICATION_REQUEST_PATH, body);
        ObjectNode fractional = SandboxHttp.MAPPER.valueToTree(legacy);
        fractional.put("quantity", 2.5);
        HttpResponse<String> bad = post(NovaMedSandbox.LEGACY_MEDICATION_REQUEST_PATH, fractional.toString());

        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(json(ok).path("data").path("medication_request_id").asText()).matches(UUID_PATTERN);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).path("error").path("details").path("quantity").asText()).isEqualTo("must be an integer");
        assertThat(sandbox.medicationOrders()).singleElement().satisfies(o -> {
            assertThat(o.patientId()).isEqualTo(patientId);
            assertThat(o.items()).singleElement().satisfies(i -> {
                assertThat(i.path("medication_name").asText()).isEqualTo("Testosterone Cypionate");
                assertThat(i.has("patient_id")).isFalse();
            });
        });
    }

    @Test
    void injectedFaultHitsTheOrderEndpointAndCreatesNothing() throws IOException {
        sandbox.faults().respondWith(NovaMedSandbox.MEDICATION_ORDER_PATH, 1, 503,
                "{\"success\":false,\"error\":{\"message\":\"Service Unavailable\"}}");
        String body = toJson(order(patientId, practitionerId));

        HttpResponse<String> first = post(NovaMedSandbox.MEDICATION_ORDER_PATH, body);
        HttpResponse<String> second = post(NovaMedSandbox.MEDICATION_ORDER_PATH, body);

        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(sandbox.medicationOrders()).hasSize(1);
    }
}
