package io.medsync.sandbox;

import static io.medsync.contract.ContractValidators.assertValidNovaMedRequest;
import static io.medsync.contract.ContractValidators.assertValidNovaMedResponse;
import static io.medsync.sandbox.SandboxHttp.json;
import static io.medsync.sandbox.SandboxHttp.toJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
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
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.medsync.novamed.NovaMedPatient;
import io.medsync.novamed.NovaMedPractitioner;

class NovaMedSandboxTest {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final SandboxSettings settings = SandboxSettings.defaults().withEphemeralPorts();
    private SandboxClock clock;
    private NovaMedSandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        // A stopped base clock: rate windows and token expiry move only when a test advances it.
        clock = new SandboxClock(Clock.fixed(Instant.parse("2030-01-01T00:00:10Z"), ZoneOffset.UTC));
        sandbox = new NovaMedSandbox(settings, clock);
        sandbox.start();
        http = new SandboxHttp(sandbox.baseUri());
    }

    @AfterEach
    void stop() {
        sandbox.stop();
    }

    private NovaMedPractitioner practitioner(String npi) {
        return new NovaMedPractitioner("Renée", "O'Brien", "renee.obrien@example.com", npi, false,
                sandbox.clinicId(), "+15125550142", "100 Congress Ave", null, "Austin", "TX", "78701");
    }

    private NovaMedPatient patient(String practitionerId) {
        return new NovaMedPatient("Zoë", null, "Nguyễn", "female", "1985-03-15", "human", "active", practitionerId,
                sandbox.clinicId(),
                List.of(new NovaMedPatient.Contact("email", "zoe.nguyen@example.org"),
                        new NovaMedPatient.Contact("phone", "5125550199")),
                List.of(new NovaMedPatient.Address("12 Maple Ave", "Apt 4B", "Austin", "TX", "78701-1234")));
    }

    private HttpResponse<String> post(String path, String body) throws IOException {
        return http.post(path, body, Map.of("x-api-key", sandbox.apiKey()));
    }

    private String createPractitioner() throws IOException {
        HttpResponse<String> r = post(NovaMedSandbox.PRACTITIONER_PATH, toJson(practitioner("1234567893")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).path("data").path("practitioner_id").asText();
    }

    @Test
    void validPractitionerIsCreatedWithAUuidAndTheExchangeMatchesTheContract() throws IOException {
        String body = toJson(practitioner("1234567893"));
        assertValidNovaMedRequest("POST", NovaMedSandbox.PRACTITIONER_PATH, body);

        HttpResponse<String> r = post(NovaMedSandbox.PRACTITIONER_PATH, body);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode json = json(r);
        assertThat(json.path("success").asBoolean()).isTrue();
        assertThat(json.path("message").asText()).isEqualTo("Practitioner created successfully");
        String id = json.path("data").path("practitioner_id").asText();
        assertThat(id).matches(UUID_PATTERN);
        assertValidNovaMedResponse("POST", NovaMedSandbox.PRACTITIONER_PATH, 200, r.body());
        assertThat(sandbox.practitioners()).singleElement()
                .satisfies(p -> assertThat(p.id().toString()).isEqualTo(id))
                .satisfies(p -> assertThat(p.request().get("npi").asText()).isEqualTo("1234567893"));
    }

    @Test
    void validPatientIsCreatedForAKnownPractitioner() throws IOException {
        String body = toJson(patient(createPractitioner()));
        assertValidNovaMedRequest("POST", NovaMedSandbox.PATIENT_PATH, body);

        HttpResponse<String> r = post(NovaMedSandbox.PATIENT_PATH, body);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).path("data").path("patient_id").asText()).matches(UUID_PATTERN);
        assertThat(json(r).path("message").asText()).isEqualTo("Patient created successfully");
        assertValidNovaMedResponse("POST", NovaMedSandbox.PATIENT_PATH, 200, r.body());
        assertThat(sandbox.patients()).hasSize(1);
        assertThat(sandbox.createdCount()).isEqualTo(2);
    }

    static Stream<Arguments> invalidPatients() {
        return Stream.of(
                Arguments.of("first_name", "Q", (Consumer<ObjectNode>) p -> p.put("first_name", "Q")),
                Arguments.of("practitioner_id", "not-a-uuid-42",
                        (Consumer<ObjectNode>) p -> p.put("practitioner_id", "not-a-uuid-42")),
                Arguments.of("gender", "Femme", (Consumer<ObjectNode>) p -> p.put("gender", "Femme")),
                Arguments.of("addresses[0].postalCode", "78701",
                        (Consumer<ObjectNode>) p -> ((ObjectNode) p.get("addresses").get(0)).remove("postalCode")),
                Arguments.of("contacts[1].value", "(512) 555-0199",
                        (Consumer<ObjectNode>) p -> ((ObjectNode) p.get("contacts").get(1))
                                .put("value", "(512) 555-0199")),
                Arguments.of("contacts[0].value", "zoe.at.example", (Consumer<ObjectNode>) p -> ((ObjectNode) p
                        .get("contacts").get(0)).put("value", "zoe.at.example")),
                Arguments.of("dob", "15/03/1985", (Consumer<ObjectNode>) p -> p.put("dob", "15/03/1985")),
                Arguments.of("gender", "(missing)", (Consumer<ObjectNode>) p -> p.remove("gender")),
                Arguments.of("date_of_birth", "(unknown key)",
                        (Consumer<ObjectNode>) p -> p.put("date_of_birth", "1985-03-15")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPatients")
    void invalidPatientIs400NamingTheFieldWithoutEchoingTheValue(String field, String badValue,
            Consumer<ObjectNode> breakIt) throws IOException {
        ObjectNode body = SandboxHttp.MAPPER.valueToTree(patient(createPractitioner()));
        breakIt.accept(body);

        HttpResponse<String> r = post(NovaMedSandbox.PATIENT_PATH, body.toString());

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = json(r).path("error");
        assertThat(json(r).path("success").asBoolean()).isFalse();
        assertThat(error.path("message").asText()).isEqualTo("Validation error");
        assertThat(error.path("details").isObject()).isTrue();
        assertThat(error.path("details").has(field)).as(r.body()).isTrue();
        assertThat(error.path("details").get(field).asText()).isNotBlank();
        if (!badValue.startsWith("(")) {
            assertThat(r.body()).doesNotContain(badValue);
        }
        assertThat(sandbox.patients()).isEmpty();
        assertValidNovaMedResponse("POST", NovaMedSandbox.PATIENT_PATH, 400, r.body());
    }

    static Stream<Arguments> invalidPractitioners() {
        return Stream.of(
                Arguments.of("last_name", (Consumer<ObjectNode>) p -> p.put("last_name", "O")),
                Arguments.of("npi", (Consumer<ObjectNode>) p -> p.put("npi", "12345")),
                Arguments.of("state_code", (Consumer<ObjectNode>) p -> p.put("state_code", "Texas")),
                Arguments.of("phone", (Consumer<ObjectNode>) p -> p.put("phone", "512-555-0142 x12")),
                Arguments.of("email", (Consumer<ObjectNode>) p -> p.put("email", "renee@")),
                Arguments.of("is_veterinarian", (Consumer<ObjectNode>) p -> p.put("is_veterinarian", "false")),
                Arguments.of("assigned_clinic", (Consumer<ObjectNode>) p -> p.put("assigned_clinic", "clinic-1")),
                Arguments.of("zip_code", (Consumer<ObjectNode>) p -> p.remove("zip_code")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPractitioners")
    void invalidPractitionerIs400NamingTheField(String field, Consumer<ObjectNode> breakIt) throws IOException {
        ObjectNode body = SandboxHttp.MAPPER.valueToTree(practitioner("1234567893"));
        breakIt.accept(body);

        HttpResponse<String> r = post(NovaMedSandbox.PRACTITIONER_PATH, body.toString());

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("error").path("details").has(field)).as(r.body()).isTrue();
        assertThat(sandbox.practitioners()).isEmpty();
    }

    @Test
    void duplicateNpiIsRejected() throws IOException {
        createPractitioner();
        NovaMedPractitioner other = new NovaMedPractitioner("Other", "Person", "other@example.com", "1234567893",
                false, sandbox.clinicId(), null, "1 Main St", null, "Austin", "TX", "78701");

        HttpResponse<String> r = post(NovaMedSandbox.PRACTITIONER_PATH, toJson(other));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("error").path("message").asText())
                .isEqualTo("Practitioner with this NPI already exists");
        assertThat(sandbox.practitioners()).hasSize(1);
    }

    @Test
    void duplicatePatientByNameAndDobIsRejectedEvenWithDateTimeDob() throws IOException {
        String practitionerId = createPractitioner();
        assertThat(post(NovaMedSandbox.PATIENT_PATH, toJson(patient(practitionerId))).statusCode()).isEqualTo(200);
        ObjectNode again = SandboxHttp.MAPPER.valueToTree(patient(practitionerId));
        again.put("dob", "1985-03-15T00:00:00.000Z");

        HttpResponse<String> r = post(NovaMedSandbox.PATIENT_PATH, again.toString());

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("error").path("message").asText()).isEqualTo("Patient already exists");
        assertThat(sandbox.patients()).hasSize(1);
    }

    @Test
    void unknownClinicAndUnknownPractitionerAreRejected() throws IOException {
        ObjectNode otherClinic = SandboxHttp.MAPPER.valueToTree(practitioner("1234567893"));
        otherClinic.put("assigned_clinic", UUID.randomUUID().toString());
        HttpResponse<String> r1 = post(NovaMedSandbox.PRACTITIONER_PATH, otherClinic.toString());
        assertThat(r1.statusCode()).isEqualTo(400);
        assertThat(json(r1).path("error").path("message").asText()).isEqualTo("Clinic not found");

        HttpResponse<String> r2 = post(NovaMedSandbox.PATIENT_PATH, toJson(patient(UUID.randomUUID().toString())));
        assertThat(r2.statusCode()).isEqualTo(400);
        assertThat(json(r2).path("error").path("message").asText()).isEqualTo("Practitioner not found");
    }

    @Test
    void moreThanOneAddressIsRejected() throws IOException {
        ObjectNode body = SandboxHttp.MAPPER.valueToTree(patient(createPractitioner()));
        ArrayNode addresses = (ArrayNode) body.get("addresses");
        addresses.add(addresses.get(0).deepCopy());
        HttpResponse<String> r = post(NovaMedSandbox.PATIENT_PATH, body.toString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("error").path("details").has("addresses")).isTrue();
    }

    @Test
    void missingOrWrongApiKeyIs401() throws IOException {
        HttpResponse<String> wrong = http.post(NovaMedSandbox.PRACTITIONER_PATH, "{}", Map.of("x-api-key", "bad"));
        HttpResponse<String> missing = http.get(NovaMedSandbox.CARRIERS_PATH, Map.of());

        for (HttpResponse<String> r : List.of(wrong, missing)) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(json(r)).isEqualTo(SandboxHttp.MAPPER.readTree(
                    "{\"success\":false,\"error\":{\"message\":\"Unauthorized\"}}"));
        }
    }

    @Test
    void rateLimitSendsHeadersThen429WithRetryAfterAndRecoversInTheNextWindow() throws IOException {
        sandbox.setRateLimitPerMinute(3);
        Map<String, String> key = Map.of("x-api-key", sandbox.apiKey());
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> ok = http.get(NovaMedSandbox.CARRIERS_PATH, key);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("X-RateLimit-Limit")).contains("3");
            assertThat(ok.headers().firstValue("X-RateLimit-Remaining")).contains(String.valueOf(2 - i));
            long reset = Long.parseLong(ok.headers().firstValue("X-RateLimit-Reset").orElseThrow());
            assertThat(reset).isGreaterThan(clock.instant().getEpochSecond());
        }

        HttpResponse<String> limited = http.get(NovaMedSandbox.CARRIERS_PATH, key);

        assertThat(limited.statusCode()).isEqualTo(429);
        JsonNode error = json(limited).path("error");
        assertThat(error.path("code").asText()).isEqualTo("RATE_LIMIT_EXCEEDED");
        long retryAfter = error.path("retry_after").asLong();
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(error.path("message").asText())
                .isEqualTo("Rate limit exceeded. Please retry after " + retryAfter + " seconds.");
        assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).contains("0");

        clock.advance(Duration.ofSeconds(retryAfter));
        assertThat(http.get(NovaMedSandbox.CARRIERS_PATH, key).statusCode()).isEqualTo(200);
    }

    @Test
    void noRateLimitHeadersWhenLimitingIsOff() throws IOException {
        HttpResponse<String> r = http.get(NovaMedSandbox.CARRIERS_PATH, Map.of("x-api-key", sandbox.apiKey()));
        assertThat(r.headers().firstValue("X-RateLimit-Limit")).isEmpty();
    }

    @Test
    void carriersListTheContractCarriers() throws IOException {
        HttpResponse<String> r = http.get(NovaMedSandbox.CARRIERS_PATH, Map.of("x-api-key", sandbox.apiKey()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).path("data").path("carriers")).extracting(c -> c.path("id").asText())
                .containsExactly("ameriship", "se-3818360", "se-11225", "se-11226");
        assertValidNovaMedResponse("GET", NovaMedSandbox.CARRIERS_PATH, 200, r.body());
    }

    @Test
    void queuedFaultIsReturnedOnceThenNormalHandlingResumes() throws IOException {
        sandbox.faults().respondWith("/api/external/practitioner", 1, 503,
                "{\"success\":false,\"error\":{\"message\":\"Service Unavailable\"}}");
        String body = toJson(practitioner("1234567893"));

        HttpResponse<String> first = post(NovaMedSandbox.PRACTITIONER_PATH, body);
        HttpResponse<String> second = post(NovaMedSandbox.PRACTITIONER_PATH, body);

        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(sandbox.practitioners()).hasSize(1);
        assertThat(sandbox.recordedRequests()).extracting(RecordedRequest::responseStatus).containsExactly(503, 200);
    }

    @Test
    void droppedConnectionSurfacesAsIOException() throws IOException {
        sandbox.faults().dropConnection("/api/external/patient", 1);

        assertThatThrownBy(() -> post(NovaMedSandbox.PATIENT_PATH, "{}")).isInstanceOf(IOException.class);

        assertThat(sandbox.recordedRequests()).extracting(RecordedRequest::responseStatus).containsExactly(0);
        assertThat(sandbox.faults().pending()).isZero();
        assertThat(post(NovaMedSandbox.PATIENT_PATH, "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void faultsOnlyHitMatchingPaths() throws IOException {
        sandbox.faults().respondWith("/api/external/patient", 2, 500, "{}");
        Map<String, String> key = Map.of("x-api-key", sandbox.apiKey());
        assertThat(http.get(NovaMedSandbox.CARRIERS_PATH, key).statusCode()).isEqualTo(200);
        assertThat(sandbox.faults().pending()).isEqualTo(2);
    }
}
