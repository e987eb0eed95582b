package io.medsync.sandbox;

import static io.medsync.contract.ContractValidators.assertValidNovaMedRequest;
import static io.medsync.contract.ContractValidators.assertValidNovaMedResponse;
import static io.medsync.sandbox.SandboxHttp.json;
import static io.medsync.sandbox.SandboxHttp.toJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.medsync.novamed.NovaMedMedicationOrder;
import io.medsync.novamed.NovaMedPatient;
import io.medsync.novamed.NovaMedPractitioner;

/** The NovaMed sandbox's webhooks: registration per the contract, the order lifecycle, NovaMed's retries. */
class NovaMedWebhooksSandboxTest {

    private static final double SCALE = 0.001;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SandboxSettings settings = SandboxSettings.defaults().withEphemeralPorts();
    private NovaMedSandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = new NovaMedSandbox(settings.withNovaMed(settings.novaMed().withWebhookRetryScale(SCALE)),
                new SandboxClock(java.time.Clock.systemUTC()));
        sandbox.start();
        http = new SandboxHttp(sandbox.baseUri());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aWebhookIsRegisteredForAnHttpsUrlOrLoopbackAndDeletedByIdAsTheSpecSays() throws IOException {
        String body = "{\"clinic_id\":\"" + sandbox.clinicId() + "\",\"webhook_url\":\"https://partner.example/hooks\"}";
        assertValidNovaMedRequest("POST", NovaMedSandbox.WEBHOOK_PATH, body);
        HttpResponse<String> created = post(NovaMedSandbox.WEBHOOK_PATH, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertValidNovaMedResponse("POST", NovaMedSandbox.WEBHOOK_PATH, 200, created.body());
        String id = json(created).path("data").path("webhook_id").asText();

        assertThat(register("http://127.0.0.1:9/hooks").statusCode()).isEqualTo(200);
        HttpResponse<String> plain = register("http://partner.example/hooks");
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(json(plain).path("error").path("details").path("webhook_url").asText())
                .isEqualTo("must be an HTTPS URL");
        HttpResponse<String> otherClinic = post(NovaMedSandbox.WEBHOOK_PATH, "{\"clinic_id\":\"" + UUID.randomUUID()
                + "\",\"webhook_url\":\"https://partner.example/hooks\"}");
        assertThat(json(otherClinic).path("error").path("message").asText()).isEqualTo("Clinic not found");
        assertThat(sandbox.webhooks().registrations()).hasSize(2);

        HttpResponse<String> deleted = delete(NovaMedSandbox.WEBHOOK_PATH + "?id=" + id);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertValidNovaMedResponse("DELETE", NovaMedSandbox.WEBHOOK_PATH, 200, deleted.body());
        assertThat(delete(NovaMedSandbox.WEBHOOK_PATH + "?id=" + id).statusCode()).isEqualTo(404);
        assertThat(sandbox.webhooks().registrations()).hasSize(1);
    }

    @Test
    void anOrderMovesForwardAndEachStepIsDeliveredWithTheApiKeyAndTheContractsEventData() throws Exception {
        UUID orderId = createOrder();
        try (WebhookReceiver receiver = new WebhookReceiver(200)) {
            assertThat(register(receiver.url().toString()).statusCode()).isEqualTo(200);

            assertThat(sandbox.advanceOrder(orderId, "medication_order:verified")).isEqualTo(1);
            sandbox.advanceOrder(orderId, "medication_order:submitted");
            sandbox.ship(orderId);
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 3);

            List<JsonNode> bodies = receiver.received().stream().map(r -> read(r.body())).toList();
            assertThat(receiver.received()).allMatch(r -> settings.novaMed().webhookSecret().equals(r.apiKey()));
            assertThat(bodies).extracting(b -> b.path("event_name").asText()).containsExactlyInAnyOrder(
                    "medication_order:verified", "medication_order:submitted", "shipment:created");
            assertThat(bodies).allMatch(b -> b.path("event_data").path("id").asText().equals(orderId.toString())
                    && b.path("event_data").path("clinic_id").asText().equals(sandbox.clinicId()));
            JsonNode shipment = bodies.stream().filter(b -> b.path("event_name").asText().equals("shipment:created"))
                    .findFirst().orElseThrow().path("event_data");
            assertThat(shipment.path("shipment_provider").asText()).isEqualTo("Ameriship");
            assertThat(shipment.path("tracking_url").asText()).startsWith("https://");
            assertThat(shipment.path("shipping_label").asText()).startsWith("https://");
            assertThat(shipment.path("shipment_id").asText()).isNotBlank();
            assertThat(shipment.path("rx_number").asText()).isNotBlank();
        }
        assertThat(sandbox.orderStatus(orderId)).isEqualTo("shipped");
        assertThatThrownBy(() -> sandbox.advanceOrder(orderId, "medication_order:verified"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is shipped");
    }

    @Test
    void aFailingReceiverGetsNovaMedsFiveAttemptsAndNoMore() throws Exception {
        UUID orderId = createOrder();
        try (WebhookReceiver receiver = new WebhookReceiver(500)) {
            register(receiver.url().toString());

            sandbox.advanceOrder(orderId, "medication_order:verified");

            await().atMost(Duration.ofSeconds(30)).until(() -> sandbox.webhooks().deliveries().size() == 5);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> sandbox.webhooks().deliveries().size() == 5);
            assertThat(sandbox.webhooks().deliveries()).extracting(NovaMedWebhooks.Delivery::attempt)
                    .containsExactly(1, 2, 3, 4, 5);
            assertThat(sandbox.webhooks().deliveries()).allMatch(d -> d.status() == 500);
            assertThat(receiver.received()).hasSize(5);
        }
    }

    private UUID createOrder() throws IOException {
        String practitionerId = created(NovaMedSandbox.PRACTITIONER_PATH, new NovaMedPractitioner("Renée",
                "O'Brien", "renee.obrien@example.com", "1234567893", false, sandbox.clinicId(), null,
                "100 Congress Ave", null, "Austin", "TX", "78701"), "practitioner_id");
        String patientId = created(NovaMedSandbox.PATIENT_PATH, new NovaMedPatient("Zoë", null, "Nguyễn", "female",
                "1985-03-15", "human", null, practitionerId, sandbox.clinicId(), null,
                List.of(new NovaMedPatient.Address("12 Maple Ave", null, "Austin", "TX", "78701"))), "patient_id");
        return UUID.fromString(created(NovaMedSandbox.MEDICATION_ORDER_PATH, new NovaMedMedicationOrder(patientId,
                practitionerId, sandbox.clinicId(), "se-3818360", "fedex_ground", true,
                List.of(new NovaMedMedicationOrder.Item("Testosterone Cypionate", "200mg/ml", "mL", BigDecimal.ONE,
                        "3", "Inject 0.5ml intramuscularly twice weekly", 30))), "medication_request_id"));
    }

    private String created(String path, Object body, String idField) throws IOException {
        HttpResponse<String> r = post(path, toJson(body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).path("data").path(idField).asText();
    }

    private HttpResponse<String> register(String url) throws IOException {
        return post(NovaMedSandbox.WEBHOOK_PATH, "{\"clinic_id\":\"" + sandbox.clinicId() + "\",\"webhook_url\":\""
                + url + "\"}");
    }

    private HttpResponse<String> post(String path, String body) throws IOException {
        return http.post(path, body, Map.of("x-api-key", sandbox.apiKey()));
    }

    private HttpResponse<String> delete(String path) throws IOException {
        return http.delete(path, Map.of("x-api-key", sandbox.apiKey()));
    }

    private static JsonNode read(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
