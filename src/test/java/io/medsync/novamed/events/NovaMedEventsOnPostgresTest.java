package io.medsync.novamed.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.medsync.ledger.Ledger;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.RecordState;
import io.medsync.ledger.ResourceType;
import io.medsync.crypto.SealedPayload;
import io.medsync.ledger.SourceSystem;
import io.medsync.sandbox.SandboxLauncher;
import io.medsync.testing.CleanSlate;
import io.medsync.testing.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The inbox's dedupe and the in-doubt match on PostgreSQL (unique violation, string concatenation, booleans). */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class NovaMedEventsOnPostgresTest {

    private static final String SECRET = "sandbox-novamed-webhook-secret";

    @Inject
    SandboxLauncher sandbox;

    @Inject
    DataSource dataSource;

    @Inject
    Ledger ledger;

    @Inject
    NovaMedOrderParties parties;

    @BeforeEach
    void cleanSlate() {
        CleanSlate.reset(sandbox, dataSource);
    }

    @Test
    void aRepeatedDeliveryIsStoredOnceAndAnOrderEventIsSuggestedForTheMatchingInDoubtOrder() throws Exception {
        RecordKey key = new RecordKey("demo-clinic", SourceSystem.NEXTGEN, ResourceType.MEDICATION_ORDER, "mo-1");
        ledger.check(key, "h1");
        ledger.markInFlight(key, new SealedPayload("sandbox-v1", "c2VlZGVk"));
        String patient = UUID.randomUUID().toString();
        String practitioner = UUID.randomUUID().toString();
        parties.record(key, patient, practitioner);
        ledger.markInDoubt(key, "answer lost", null);
        assertThat(ledger.find(key).orElseThrow().state()).isEqualTo(RecordState.IN_DOUBT);
        String orderId = UUID.randomUUID().toString();
        String body = "{\"event_name\":\"shipment:created\",\"event_data\":{\"id\":\"" + orderId + "\",\"patient_id\":\""
                + patient.toUpperCase() + "\",\"practitioner_id\":\"" + practitioner + "\",\"shipment_id\":\"s-1\","
                + "\"tracking_url\":\"https://track.example/s-1\",\"shipping_label\":\"https://label.example/s-1\"}}";

        deliver(body).statusCode(200).body("status", equalTo("accepted"));
        deliver(body).statusCode(200).body("status", equalTo("duplicate"));

        await().atMost(Duration.ofSeconds(30)).until(() -> "DONE".equals(status()));
        given().auth().oauth2("sandbox-ops-token").get("/ops/in-doubt").then().statusCode(200)
                .body("[0].suggested_novamed_id", equalTo(orderId))
                .body("[0].suggestion.event", equalTo("shipment:created"));
        given().auth().oauth2("sandbox-ops-token").get("/ops/orders/" + orderId).then().statusCode(200)
                .body("shipment.tracking_url", equalTo("https://track.example/s-1"))
                .body("shipment.shipping_label_received", equalTo(true));
    }

    private String status() throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select status, count(*) over () from novamed_event");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            assertThat(rs.getInt(2)).as("rows").isEqualTo(1);
            return rs.getString(1);
        }
    }

    private static io.restassured.response.ValidatableResponse deliver(String body) {
        return given().header("x-api-key", SECRET).contentType("application/json").body(body)
                .post("/webhooks/novamed").then();
    }
}
