package io.medsync.kafka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.medsync.ledger.NovaMedOrderEvent;
import io.medsync.sandbox.SandboxLauncher;
import io.medsync.testing.CleanSlate;
import io.medsync.testing.KafkaProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A processed NovaMed webhook reaches the order-events topic with ids and flags, never the shipment's URLs. */
@QuarkusTest
@TestProfile(KafkaProfile.class)
class NovaMedEventsKafkaTest {

    @Inject
    SandboxLauncher sandbox;

    @Inject
    DataSource dataSource;

    @Inject
    KafkaSettings settings;

    @Inject
    ObjectMapper json;

    KafkaTestClient kafka;

    @BeforeEach
    void cleanSlate() {
        CleanSlate.reset(sandbox, dataSource);
        kafka = new KafkaTestClient(settings.bootstrapServers().orElseThrow());
    }

    @AfterEach
    void closeClient() {
        kafka.close();
    }

    @Test
    void aShipmentEventIsPublishedWithoutItsTrackingOrLabelUrl() throws Exception {
        String orderId = UUID.randomUUID().toString();
        String body = "{\"event_name\":\"shipment:created\",\"event_data\":{\"id\":\"" + orderId + "\","
                + "\"clinic_id\":\"" + UUID.randomUUID() + "\",\"patient_id\":\"" + UUID.randomUUID() + "\","
                + "\"practitioner_id\":\"" + UUID.randomUUID() + "\",\"rx_number\":\"123456\","
                + "\"shipment_id\":\"s-1\",\"shipment_provider\":\"Ameriship\","
                + "\"tracking_url\":\"https://track.example/t-1\",\"shipping_label\":\"https://label.example/l.pdf\"}}";

        given().header("x-api-key", "sandbox-novamed-webhook-secret").contentType("application/json").body(body)
                .post("/webhooks/novamed").then().statusCode(200);

        String topic = settings.topics().orderEvents();
        List<ConsumerRecord<String, byte[]>> events = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> kafka.readAll(topic).stream().filter(r -> r.key().equals("novamed/" + orderId)).toList(),
                        list -> !list.isEmpty());
        assertThat(events).hasSize(1);
        String payload = new String(events.get(0).value(), StandardCharsets.UTF_8);
        JsonNode event = json.readTree(payload);
        assertThat(event.path("type").asText()).isEqualTo(NovaMedOrderEvent.TYPE);
        assertThat(event.path("event").asText()).isEqualTo("shipment:created");
        assertThat(event.path("outcome").asText()).isEqualTo("unlinked");
        assertThat(event.path("shipment_id").asText()).isEqualTo("s-1");
        assertThat(event.path("tracking_url_present").asBoolean()).isTrue();
        assertThat(event.path("shipping_label_present").asBoolean()).isTrue();
        assertThat(payload).doesNotContain("track.example", "label.example");
    }
}
