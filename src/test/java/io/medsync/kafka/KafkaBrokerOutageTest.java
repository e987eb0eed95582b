package io.medsync.kafka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.medsync.crypto.SealedPayload;
import io.medsync.ledger.Ledger;
import io.medsync.ledger.Outbox;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.sandbox.NovaMedSandbox;
import io.medsync.sandbox.SandboxLauncher;
import io.medsync.testing.CleanSlate;
import io.medsync.testing.KafkaBrokerResource;
import io.medsync.testing.KafkaProfile;
import io.medsync.testing.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The broker goes away and comes back while medsync runs (consumers polling, outbox events waiting): the log says
 * so in a few lines without stack traces, readiness is DOWN meanwhile, and the waiting events are published soon
 * after the broker is back.
 */
@QuarkusTest
@TestProfile(KafkaProfile.class)
class KafkaBrokerOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(15);

    @Inject
    SandboxLauncher sandbox;

    @Inject
    DataSource dataSource;

    @Inject
    Ledger ledger;

    @Inject
    Outbox outbox;

    @Test
    void aBrokerOutageIsAHandfulOfLogLinesAndTheOutboxCatchesUpWhenItIsBack() throws Exception {
        CleanSlate.reset(sandbox, dataSource);
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.backlog() == 0);
        List<String> lines;
        long catchUpMs;
        try (LogCapture log = LogCapture.start()) {
            KafkaBrokerResource.stopBroker();
            delivered("outage-1");
            await().atMost(Duration.ofSeconds(30)).until(() -> saying(log, "Kafka: broker unreachable") == 1);
            given().when().get("/q/health/ready").then().statusCode(503);
            delivered("outage-2");
            // The events wait in the outbox for as long as the broker is away.
            await().during(OUTAGE).atMost(OUTAGE.plusSeconds(5)).until(() -> outbox.backlog() == 2);

            KafkaBrokerResource.startBroker();
            long back = System.nanoTime();
            await().atMost(Duration.ofSeconds(60)).until(() -> outbox.backlog() == 0);
            catchUpMs = (System.nanoTime() - back) / 1_000_000;
            await().atMost(Duration.ofSeconds(10)).until(() -> saying(log, "Kafka: back after") == 1);
            lines = log.lines();
        }
        given().when().get("/q/health/ready").then().statusCode(200);

        System.out.printf("broker outage of ~%d s: %d log line(s), outbox caught up %d ms after the broker was back%n%s",
                OUTAGE.toSeconds() + 5, lines.size(), catchUpMs, String.join("", lines));
        assertThat(lines).hasSizeLessThanOrEqualTo(5).noneMatch(l -> l.contains("\tat ") || l.contains("Exception:"));
        assertThat(catchUpMs).isLessThan(15_000);
    }

    /** A record reaches NovaMed while the broker is away: its outcome event is committed to the outbox. */
    private void delivered(String providerId) {
        RecordKey key = new RecordKey("demo-clinic", SourceSystem.NEXHEALTH, ResourceType.PROVIDER, providerId);
        ledger.check(key, "outage");
        ledger.markInFlight(key, new SealedPayload("sandbox-v1", "c2VlZGVk"));
        ledger.markDelivered(key, NovaMedSandbox.CLINIC_PRACTITIONER_ID);
    }

    private static long saying(LogCapture log, String words) {
        return log.lines().stream().filter(l -> l.contains(words)).count();
    }
}
