package io.medsync.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.medsync.ledger.Outbox;
import io.medsync.sandbox.SandboxLauncher;
import io.medsync.testing.CleanSlate;
import io.medsync.testing.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The outbox's SQL and transactions on PostgreSQL: requests in, outcomes and dead-letter notices out. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class KafkaOnPostgresTest {

    @Inject
    SandboxLauncher sandbox;

    @Inject
    DataSource dataSource;

    @Inject
    KafkaSettings settings;

    @Inject
    Outbox outbox;

    @Test
    void requestsAreServedAndTheirOutcomesAndDeadLettersPublished() throws Exception {
        CleanSlate.reset(sandbox, dataSource);
        List<Long> patients = sandbox.nexHealth().patientIds().stream().limit(20).toList();
        try (KafkaTestClient kafka = new KafkaTestClient(settings.bootstrapServers().orElseThrow())) {
            Map<TopicPartition, Long> outcomesStart = kafka.endOffsets(settings.topics().outcomes());
            Map<TopicPartition, Long> noticesStart = kafka.endOffsets(settings.topics().deadLetters());
            List<ProducerRecord<String, byte[]>> requests = new ArrayList<>();
            patients.forEach(id -> requests.add(KafkaTestClient.record("demo-clinic:" + id, "{\"version\":1,"
                    + "\"tenant\":\"demo-clinic\",\"source\":\"nexhealth\",\"resource\":\"patient\",\"id\":" + id + "}")));
            requests.add(KafkaTestClient.record("demo-clinic:x", "{\"version\":9}"));

            kafka.produce(settings.topics().syncRequests(), requests);

            await().atMost(Duration.ofSeconds(60)).until(() -> kafka.lag(settings.groupId(),
                    settings.topics().syncRequests()) == 0 && outbox.backlog() == 0);
            // Patients whose provider is not in NovaMed wait (parked, not reported); the rest end delivered or failed.
            List<ConsumerRecord<String, byte[]>> outcomes = kafka.readFrom(settings.topics().outcomes(), outcomesStart);
            assertThat(outcomes).isNotEmpty().allSatisfy(r -> assertThat(r.key()).startsWith("demo-clinic/nexhealth/"));
            assertThat(outcomes).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .anyMatch(v -> v.contains("\"state\":\"delivered\""));
            List<ConsumerRecord<String, byte[]>> notices = kafka.readFrom(settings.topics().deadLetters(), noticesStart);
            assertThat(notices).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .anyMatch(v -> v.contains("\"source\":\"kafka\"") && v.contains("\"stage\":\"kafka-intake\""));
        }
    }
}
