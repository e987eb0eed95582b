package io.medsync.sandbox;

import static io.medsync.sandbox.SandboxHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Webhook endpoints, subscriptions, signed deliveries and NexHealth's retry schedule. */
class NexHealthWebhooksTest {

    private NexHealthSandbox sandbox;
    private NexHealthApi api;
    private WebhookReceiver receiver;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private void start(double retryScale, int receiverStatus) {
        SandboxSettings settings = SandboxSettings.defaults().withEphemeralPorts();
        settings = settings.withNexHealth(settings.nexHealth().withWebhookRetryScale(retryScale));
        sandbox = new NexHealthSandbox(settings, new SandboxClock());
        sandbox.start();
        api = new NexHealthApi(sandbox);
        receiver = new WebhookReceiver(receiverStatus);
    }

    /** Registers the receiver over HTTP, subscribes it to the events and returns the endpoint JSON. */
    private JsonNode register(String... resourceAndEvent) throws IOException {
        HttpResponse<String> created = api.post("/webhook_endpoints",
                "{\"target_url\":\"" + receiver.url() + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        NexHealthApi.assertValid("POST", "/webhook_endpoints", created);
        JsonNode endpoint = json(created).path("data");
        for (int i = 0; i < resourceAndEvent.length; i += 2) {
            String path = "/webhook_endpoints/" + endpoint.get("id").asLong() + "/webhook_subscriptions?subdomain="
                    + sandbox.subdomain();
            HttpResponse<String> subscribed = api.post(path, "{\"resource_type\":\"" + resourceAndEvent[i]
                    + "\",\"event\":\"" + resourceAndEvent[i + 1] + "\"}");
            assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);
            NexHealthApi.assertValid("POST", path, subscribed);
            JsonNode subscription = json(subscribed).path("data");
            assertThat(subscription.get("webhook_endpoint_id").asLong()).isEqualTo(endpoint.get("id").asLong());
            assertThat(subscription.get("institution_id").asLong()).isEqualTo(SandboxSeed.INSTITUTION_ID);
            assertThat(subscription.get("active").asBoolean()).isTrue();
        }
        return endpoint;
    }

    private static String hmacHex(String secret, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void endpointCreationReturnsASecretAndListingAndSubscriptionsMatchTheContract() throws IOException {
        start(1.0, 200);

        JsonNode endpoint = register("Patient", "patient_updated");

        assertThat(endpoint.get("secret_key").asText()).matches("[0-9a-f]{32}");
        assertThat(endpoint.get("target_url").asText()).isEqualTo(receiver.url().toString());
        assertThat(endpoint.get("active").asBoolean()).isTrue();
        HttpResponse<String> listed = api.get("/webhook_endpoints");
        assertThat(listed.statusCode()).isEqualTo(200);
        NexHealthApi.assertValid("GET", "/webhook_endpoints", listed);
        assertThat(json(listed).path("data")).hasSize(1);
        assertThat(sandbox.webhookEndpoints()).hasSize(1);
        assertThat(sandbox.webhookSubscriptions()).hasSize(1);

        String subscriptions = "/webhook_endpoints/" + endpoint.get("id") + "/webhook_subscriptions?subdomain=";
        assertThat(api.post(subscriptions + sandbox.subdomain(), "{\"resource_type\":\"Patient\","
                + "\"event\":\"appointment_created\"}").statusCode()).isEqualTo(400);
        assertThat(api.post("/webhook_endpoints/999/webhook_subscriptions?subdomain=" + sandbox.subdomain(),
                "{\"resource_type\":\"Patient\",\"event\":\"patient_created\"}").statusCode()).isEqualTo(404);
        assertThat(api.post(subscriptions + "nope", "{\"resource_type\":\"Patient\",\"event\":\"patient_created\"}")
                .statusCode()).isEqualTo(404);
        assertThat(api.post("/webhook_endpoints", "{\"active\":true}").statusCode()).isEqualTo(400);
    }

    @Test
    void updatePatientDeliversASignedPatientUpdatedWebhookThatVerifiesWithTheSecret() throws Exception {
        start(1.0, 200);
        JsonNode endpoint = register("Patient", "patient_updated");
        long patientId = sandbox.patientIds().get(5);

        sandbox.updatePatient(patientId, p -> p.put("middle_name", "Changed"));

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
        WebhookReceiver.Received delivery = receiver.received().get(0);
        String expected = hmacHex(endpoint.get("secret_key").asText(),
                delivery.timestamp() + "." + Base64.getEncoder().encodeToString(delivery.body()));
        assertThat(delivery.signature()).isEqualTo(expected);
        assertThat(Instant.parse(delivery.timestamp())).isCloseTo(Instant.now(),
                org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MINUTES));
        assertThat(delivery.contentType()).isEqualTo("application/json");
        JsonNode payload = SandboxHttp.MAPPER.readTree(delivery.body());
        assertThat(payload.get("resource_type").asText()).isEqualTo("Patient");
        assertThat(payload.get("event_name").asText()).isEqualTo("patient_updated");
        assertThat(payload.get("subdomain").asText()).isEqualTo(sandbox.subdomain());
        assertThat(payload.get("institution_id").asLong()).isEqualTo(SandboxSeed.INSTITUTION_ID);
        assertThat(Instant.parse(payload.get("event_time").asText())).isNotNull();
        JsonNode patient = payload.path("data").path("patients").get(0);
        assertThat(patient.get("id").asLong()).isEqualTo(patientId);
        assertThat(patient.get("middle_name").asText()).isEqualTo("Changed");
        await().atMost(Duration.ofSeconds(5)).until(() -> sandbox.webhookDeliveries().size() == 1);
        WebhookDelivery recorded = sandbox.webhookDeliveries().get(0);
        assertThat(recorded.status()).isEqualTo(200);
        assertThat(recorded.attempt()).isEqualTo(1);
        assertThat(recorded.event()).isEqualTo("patient_updated");
        assertThat(recorded.target()).isEqualTo(receiver.url());
    }

    @Test
    void appointmentChangesFireAppointmentEventsOnlyToSubscribedEndpoints() throws IOException {
        start(1.0, 200);
        register("Appointment", "appointment_updated", "Appointment", "appointment_created");
        long appointmentId = sandbox.appointmentIds().get(20);
        long patientId = sandbox.patientIds().get(0);

        sandbox.cancelAppointment(appointmentId);
        long added = sandbox.addAppointment(patientId, Instant.now().plus(Duration.ofDays(1)), Duration.ofMinutes(30),
                a -> { });

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 2);
        List<JsonNode> payloads = receiver.received().stream().map(r -> {
            try {
                return SandboxHttp.MAPPER.readTree(r.body());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
        assertThat(payloads).extracting(p -> p.get("event_name").asText() + ":"
                + p.path("data").path("appointments").get(0).get("id").asLong())
                .containsExactlyInAnyOrder("appointment_updated:" + appointmentId, "appointment_created:" + added);
        assertThat(payloads).allMatch(p -> p.get("resource_type").asText().equals("Appointment"));
        // Not subscribed to patient events: nothing is queued for them.
        assertThat(sandbox.deliverWebhook("patient_updated", patientId)).isZero();
        assertThat(sandbox.deliverWebhook("appointment_updated", appointmentId)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 3);
    }

    @Test
    void signedWebhookCanBeBuiltWithoutSendingAndForgedVariantsDoNotVerify() throws Exception {
        start(1.0, 200);
        JsonNode endpoint = register("Patient", "patient_created");
        long patientId = sandbox.patientIds().get(1);

        SignedWebhookRequest signed = sandbox.signedWebhook(endpoint.get("id").asLong(), "patient_created",
                patientId);

        String secret = endpoint.get("secret_key").asText();
        assertThat(signed.target()).isEqualTo(receiver.url());
        assertThat(signed.signature()).isEqualTo(hmacHex(secret,
                signed.timestamp() + "." + Base64.getEncoder().encodeToString(signed.body())));
        assertThat(signed.signature()).isEqualTo(
                NexHealthWebhookSender.signature(secret, signed.timestamp(), signed.body()));
        assertThat(signed.headers()).containsEntry("Content-Type", "application/json");
        assertThat(SandboxHttp.MAPPER.readTree(signed.body()).path("data").path("patients").get(0).get("id")
                .asLong()).isEqualTo(patientId);
        assertThat(NexHealthWebhookSender.signature("wrong-secret", signed.timestamp(), signed.body()))
                .isNotEqualTo(signed.signature());
        assertThat(signed.withHeader("signature", "00").signature()).isEqualTo("00");
        assertThat(receiver.received()).isEmpty();
        assertThat(sandbox.webhookDeliveries()).isEmpty();
    }

    @Test
    void failingReceiverIsRetriedOnTheCompressedScheduleThenTheEndpointIsDeactivated() throws IOException {
        double scale = 0.00002; // 48 h -> 3.5 s
        start(scale, 500);
        JsonNode endpoint = register("Patient", "patient_created");

        long patientId = sandbox.addPatient(sandbox.secondLocationId(), p -> p.put("first_name", "New"));

        await().atMost(Duration.ofSeconds(30)).until(() -> !sandbox.webhookEndpoints().get(0).get("active")
                .asBoolean());
        List<WebhookDelivery> attempts = sandbox.webhookDeliveries();
        assertThat(attempts).hasSize(11).allMatch(d -> d.status() == 500 && d.resourceId() == patientId
                && d.endpointId() == endpoint.get("id").asLong() && d.event().equals("patient_created"));
        assertThat(attempts).extracting(WebhookDelivery::attempt)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(receiver.received()).hasSize(11);
        WebhookRetrySchedule schedule = new WebhookRetrySchedule(scale);
        Instant first = attempts.get(0).sentAt();
        for (int attempt = 2; attempt <= 11; attempt++) {
            Duration elapsed = Duration.between(first, attempts.get(attempt - 1).sentAt());
            assertThat(elapsed).as("attempt %d", attempt)
                    .isGreaterThanOrEqualTo(schedule.offsetOf(attempt).minusMillis(5));
        }
        assertThat(Duration.between(first, attempts.get(10).sentAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(3400));
        // An inactive endpoint receives nothing more.
        assertThat(sandbox.deliverWebhook("patient_created", patientId)).isZero();
        assertThat(sandbox.patientLocation(patientId)).contains(sandbox.secondLocationId());
    }

    @Test
    void retryScheduleIsNexHealthsCumulativeScheduleScaled() {
        WebhookRetrySchedule real = new WebhookRetrySchedule(1.0);
        assertThat(real.delayAfter(1)).contains(Duration.ofSeconds(30));
        assertThat(real.delayAfter(2)).contains(Duration.ofSeconds(60));
        assertThat(real.delayAfter(3)).contains(Duration.ofMinutes(2));
        assertThat(real.delayAfter(10)).contains(Duration.ofHours(24));
        assertThat(real.delayAfter(11)).isEmpty();
        assertThat(real.offsetOf(11)).isEqualTo(Duration.ofHours(48));
        assertThat(new WebhookRetrySchedule(0.001).delayAfter(1)).contains(Duration.ofMillis(30));
    }
}
