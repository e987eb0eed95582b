package io.medsync.kafka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;

import io.medsync.ledger.Ledger;
import io.medsync.ledger.LedgerEntry;
import io.medsync.ledger.Outbox;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.RecordState;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.nexhealth.NexHealthTargetedSync;
import io.medsync.testing.SeedPatients;
import io.medsync.testing.StartsOnACleanSlate;
import io.quarkus.test.junit.QuarkusTest;

/** Without a bootstrap address (the default, and the demo): no Kafka route, no Kafka endpoint, no outbox rows. */
@QuarkusTest
class KafkaDisabledTest extends StartsOnACleanSlate {

    private static final String CHECK = "checks.find { it.name == '" + KafkaBrokerHealthCheck.NAME + "' }";

    @Inject
    CamelContext camel;

    @Inject
    NexHealthTargetedSync targetedSync;

    @Inject
    Ledger ledger;

    @Inject
    Outbox outbox;

    @Test
    void theAppRunsWithoutAnyKafkaRouteOrEndpoint() {
        assertThat(camel.getRoutes()).extracting(Route::getRouteId).noneMatch(id -> id.startsWith("kafka-"));
        assertThat(camel.getEndpoints()).extracting(Endpoint::getEndpointUri).noneMatch(uri -> uri.startsWith("kafka:"));
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(CHECK + ".status", equalTo("UP"))
                .body(CHECK + ".data.enabled", equalTo(false));
    }

    @Test
    void deliveriesLeaveNoOutboxRowsBehind() {
        long patientId = SeedPatients.completeWithoutProvider(sandbox.nexHealth()).get(0);

        targetedSync.syncPatient(sandbox.nexHealth().subdomain(), patientId);

        RecordKey key = new RecordKey("demo-clinic", SourceSystem.NEXHEALTH, ResourceType.PATIENT,
                String.valueOf(patientId));
        assertThat(ledger.find(key)).map(LedgerEntry::state).contains(RecordState.DELIVERED);
        assertThat(outbox.enabled()).isFalse();
        assertThat(outbox.backlog()).isZero();
    }
}
