package io.medsync.nexhealth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.medsync.ledger.DeadLetter;
import io.medsync.ledger.DeadLetterFilter;
import io.medsync.ledger.DeadLetterStore;
import io.medsync.ledger.Ledger;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.RecordState;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.ledger.WebhookInboxRoutes;
import io.medsync.sandbox.NovaMedSandbox;
import io.medsync.testing.StartsOnACleanSlate;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Signed NexHealth webhooks trigger a sync of just the record they name; anything unsigned is refused. A delivery
 * whose processing fails is tried again from the inbox, and dead-lettered when it keeps failing.
 */
@QuarkusTest
class NexHealthWebhookTest extends StartsOnACleanSlate {

    private static final String OPS_TOKEN = "sandbox-ops-token";

    private static final String SECRET = "sandbox-webhook-secret";
    private static final String TEMPLATE = "{timestamp}.{base64body}";

    @Inject
    Ledger ledger;

    @Inject
    DeadLetterStore deadLetters;

    @Inject
    ObjectMapper json;

    @Test
    void aSignedPatientUpdateSyncsThatOnePatientWithoutAFullSync() throws Exception {
        long patientId = deliverablePatient();
        byte[] body = event("patient_updated", patientId);

        post(body, Instant.now().toString(), null).then().statusCode(202).body("status", equalTo("accepted"));

        await().atMost(Duration.ofSeconds(10)).until(() -> ledger.find(key(patientId))
                .map(e -> e.state() == RecordState.DELIVERED).orElse(false));
        assertThat(sandbox.novaMed().patients()).hasSize(1);
        assertThat(sandbox.nexHealth().recordedRequests()).noneMatch(r -> r.path().equals("/patients"))
                .anyMatch(r -> r.path().equals("/patients/" + patientId));
    }

    @Test
    void theSameDeliveryTwiceIsProcessedOnce() throws Exception {
        long patientId = deliverablePatient();
        byte[] body = event("patient_created", patientId);
        String timestamp = Instant.now().toString();

        post(body, timestamp, null).then().statusCode(202);
        // The same signed delivery again (NexHealth's retry, or a replay): acknowledged, no new work (issue 17).
        post(body, timestamp, null).then().statusCode(200).body("status", equalTo("duplicate"));

        await().atMost(Duration.ofSeconds(10)).until(() -> ledger.find(key(patientId))
                .map(e -> e.state() == RecordState.DELIVERED).orElse(false));
        assertThat(sandbox.nexHealth().recordedRequests().stream()
                // A 401 answered by a fresh token and the same read again is one read, not a second processing.
                .filter(r -> r.path().equals("/patients/" + patientId) && r.responseStatus() != 401))
                .as("one NexHealth read").hasSize(1);
        assertThat(sandbox.novaMed().recordedRequests().stream()
                .filter(r -> r.path().equals(NovaMedSandbox.PATIENT_PATH))).hasSize(1);
    }

    @Test
    void badSignaturesMissingHeadersAndStaleTimestampsAreRefusedAndNothingIsProcessed() throws Exception {
        long patientId = deliverablePatient();
        byte[] body = event("patient_updated", patientId);
        String now = Instant.now().toString();

        post(body, now, "00" + NexHealthWebhookVerifier.sign(SECRET, TEMPLATE, now, body).substring(2))
                .then().statusCode(401).body("message", equalTo("signature does not match"));
        given().header("timestamp", now).body(body).when().post("/webhooks/nexhealth")
                .then().statusCode(401).body("message", equalTo("missing signature header"));
        String stale = Instant.now().minus(Duration.ofMinutes(10)).toString();
        post(body, stale, null).then().statusCode(401).body("error", equalTo("unauthorized"));
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("patient_updated", "patient_created")
                .getBytes(StandardCharsets.UTF_8);
        post(tampered, now, NexHealthWebhookVerifier.sign(SECRET, TEMPLATE, now, body)).then().statusCode(401);

        assertThat(sandbox.nexHealth().recordedRequests()).isEmpty();
        assertThat(ledger.find(key(patientId))).isEmpty();
    }

    @Test
    void aSignedAppointmentEventIsRecordedWithoutPersonalData() throws Exception {
        long appointmentId = sandbox.nexHealth().appointmentIds().stream()
                .filter(id -> !sandbox.nexHealth().appointment(id).orElseThrow().path("unavailable").asBoolean())
                .findFirst().orElseThrow();
        ObjectNode event = json.createObjectNode();
        event.put("resource_type", "Appointment");
        event.put("event_name", "appointment_updated");
        event.put("event_time", Instant.now().toString());
        event.put("subdomain", "demo-dental");
        event.putObject("data").putArray("appointments").addObject().put("id", appointmentId);
        byte[] body = json.writeValueAsBytes(event);

        post(body, Instant.now().toString(), null).then().statusCode(202);

        await().atMost(Duration.ofSeconds(10)).until(() -> appointmentEvents(appointmentId) == 1);
        assertThat(sandbox.nexHealth().recordedRequests()).noneMatch(r -> r.path().equals("/appointments"));
    }

    private int appointmentEvents(long appointmentId) throws Exception {
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("select count(*) from appointment_event where appointment_id = ?")) {
            ps.setLong(1, appointmentId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void aWebhookWhoseProcessingFailsTwiceThenSucceedsIsProcessedOnce() throws Exception {
        long patientId = deliverablePatient();
        // Each processing attempt fetches the patient with the client's own retries (4 calls): two attempts fail.
        sandbox.nexHealth().faults().respondWith("/patients/", 8, 503, "{\"code\":false,\"error\":[\"down\"]}");

        post(event("patient_updated", patientId), Instant.now().toString(), null).then().statusCode(202);

        await().atMost(Duration.ofSeconds(20)).until(() -> ledger.find(key(patientId))
                .map(e -> e.state() == RecordState.DELIVERED).orElse(false));
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox("status").equals(List.of("DONE")));
        assertThat(inbox("attempts")).containsExactly("3");
        assertThat(sandbox.novaMed().recordedRequests().stream()
                .filter(r -> r.path().equals(NovaMedSandbox.PATIENT_PATH))).hasSize(1);
        assertThat(deadLetters.list(new DeadLetterFilter(null, null, null, null, null, 10))).isEmpty();
    }

    @Test
    void aWebhookThatKeepsFailingEndsAsADeadLetterWithItsReasonAndAReplayDeliversItOnce() throws Exception {
        long patientId = deliverablePatient();
        // Three attempts of four calls each (the test limit is three attempts): every one fails.
        sandbox.nexHealth().faults().respondWith("/patients/", 12, 503, "{\"code\":false,\"error\":[\"down\"]}");

        post(event("patient_updated", patientId), Instant.now().toString(), null).then().statusCode(202);

        await().atMost(Duration.ofSeconds(20)).until(() -> inbox("status").equals(List.of("FAILED")));
        List<DeadLetter> letters = deadLetters.list(new DeadLetterFilter(null, WebhookInboxRoutes.STAGE, null, null,
                null, 10));
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.key()).isEqualTo(key(patientId));
            assertThat(letter.attempts()).isEqualTo(3);
            assertThat(letter.reason()).startsWith("nexhealth webhook event ").contains("NexHealthException")
                    .contains("HTTP 503");
        });
        assertThat(inbox("attempts")).containsExactly("3");
        // Given up: no fourth attempt (it would have found NexHealth answering again).
        assertThat(sandbox.nexHealth().recordedRequests()).filteredOn(r -> r.path().equals("/patients/" + patientId))
                .hasSize(12).allMatch(r -> r.responseStatus() == 503);
        assertThat(ledger.find(key(patientId))).isEmpty();

        // NexHealth answers again (the injected faults are spent): the operator replays the dead letter, the event
        // goes back into the inbox, the sweep processes it, and the patient reaches NovaMed once.
        long letterId = letters.get(0).id();
        given().header("Authorization", "Bearer " + OPS_TOKEN).when().post("/ops/dead-letters/" + letterId + "/replay")
                .then().statusCode(200).body("outcome", equalTo("PENDING"));
        await().atMost(Duration.ofSeconds(20)).until(() -> ledger.find(key(patientId))
                .map(e -> e.state() == RecordState.DELIVERED).orElse(false));
        // The event is marked done just after the record it names is delivered: wait for that commit too.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(inbox("status")).containsExactly("DONE"));
        assertThat(sandbox.novaMed().recordedRequests().stream()
                .filter(r -> r.path().equals(NovaMedSandbox.PATIENT_PATH))).hasSize(1);
        assertThat(deadLetters.find(letterId)).hasValueSatisfying(
                letter -> assertThat(letter.status()).isEqualTo(DeadLetter.Status.REPLAYED));
        // Replayed once: a second replay of the same dead letter is refused (409), nothing is sent again.
        given().header("Authorization", "Bearer " + OPS_TOKEN).when().post("/ops/dead-letters/" + letterId + "/replay")
                .then().statusCode(409);
    }

    private List<String> inbox(String column) throws Exception {
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("select " + column + " from webhook_inbox order by id");
                var rs = ps.executeQuery()) {
            List<String> values = new java.util.ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    @Test
    void anEventForASubdomainNoTenantServesIsAClearError() throws Exception {
        ObjectNode event = (ObjectNode) json.readTree(event("patient_updated", 1));
        event.put("subdomain", "someone-else");
        byte[] body = json.writeValueAsBytes(event);

        post(body, Instant.now().toString(), null).then().statusCode(404).body("error", equalTo("unknown_tenant"));
    }

    private io.restassured.response.Response post(byte[] body, String timestamp, String signature) {
        String sig = signature != null ? signature : NexHealthWebhookVerifier.sign(SECRET, TEMPLATE, timestamp, body);
        return given().header("timestamp", timestamp).header("signature", sig).contentType("application/json")
                .body(body).when().post("/webhooks/nexhealth");
    }

    private byte[] event(String name, long patientId) throws Exception {
        ObjectNode event = json.createObjectNode();
        event.put("resource_type", "Patient");
        event.put("event_name", name);
        event.put("event_time", Instant.now().toString());
        event.put("subdomain", "demo-dental");
        event.put("institution_id", 4501);
        event.putObject("data").putArray("patients").addObject().put("id", patientId);
        event.putArray("delivery_errors");
        return json.writeValueAsBytes(event);
    }

    /** A seeded patient without a provider, so it needs nothing else to reach NovaMed (the fallback practitioner). */
    private long deliverablePatient() {
        return sandbox.nexHealth().patientIds().stream()
                .filter(id -> {
                    ObjectNode p = sandbox.nexHealth().patient(id).orElseThrow();
                    return p.path("provider_id").isNull() && p.path("bio").path("date_of_birth").isTextual()
                            && p.path("bio").path("city").isTextual() && p.path("first_name").asText().length() > 1;
                })
                .findFirst().orElseThrow();
    }

    private static RecordKey key(long patientId) {
        return new RecordKey("demo-clinic", SourceSystem.NEXHEALTH, ResourceType.PATIENT, String.valueOf(patientId));
    }
}
