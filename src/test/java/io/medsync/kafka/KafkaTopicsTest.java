package io.medsync.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.medsync.testing.KafkaBrokerResource;
import io.medsync.testing.LogCapture;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Missing topics on a real broker (auto-creation off, as in production): readiness names them, create-topics
 * creates them, and a poison record whose dead-letter topic is missing says so once and goes on once it exists.
 * Plain JUnit: the Kafka classes on a bare Camel context, no application.
 */
@Timeout(120)
class KafkaTopicsTest {

    private static KafkaClusterTestKit cluster;
    private static Admin admin;

    @BeforeAll
    static void brokerWithoutTheOutcomesTopic() throws Exception {
        cluster = KafkaBrokerResource.newCluster();
        admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()));
        List<NewTopic> allButOutcomes = settings(Map.of()).allTopics().stream()
                .filter(t -> !t.equals("medsync.outcomes")).map(t -> new NewTopic(t, 1, (short) 1)).toList();
        admin.createTopics(allButOutcomes).all().get();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        admin.close();
        cluster.close();
    }

    @Test
    void aMissingOutcomesTopicTurnsReadinessDownNamingIt() {
        KafkaSettings settings = settings(Map.of());
        KafkaTopics topics = new KafkaTopics(settings);
        try {
            HealthCheckResponse readiness = new KafkaBrokerHealthCheck(settings, topics).call();

            assertThat(readiness.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(readiness.getData().orElseThrow()).containsEntry("missingTopics", "medsync.outcomes")
                    .containsEntry("brokers", 1L);
        } finally {
            topics.close();
        }
    }

    @Test
    void withCreateTopicsTheMissingTopicsAreCreatedWithTheConfiguredPartitions() throws Exception {
        KafkaSettings settings = settings(Map.of("medsync.kafka.create-topics", "true",
                "medsync.kafka.topic-partitions", "2", "medsync.kafka.topic-replication", "1",
                "medsync.kafka.topics.outcomes", "created.outcomes",
                "medsync.kafka.topics.refill-requests-dlq", "created.refill-requests.dlq"));
        KafkaTopics topics = new KafkaTopics(settings);
        try {
            assertThat(topics.missing()).containsExactly("created.refill-requests.dlq", "created.outcomes");

            assertThat(topics.create(topics.missing())).hasSize(2);

            await().atMost(Duration.ofSeconds(10)).until(() -> topics.missing().isEmpty());
            assertThat(admin.describeTopics(List.of("created.outcomes")).allTopicNames().get().get("created.outcomes")
                    .partitions()).hasSize(2);
            assertThat(new KafkaBrokerHealthCheck(settings, topics).call().getStatus())
                    .isEqualTo(HealthCheckResponse.Status.UP);
        } finally {
            topics.close();
        }
    }

    @Test
    void aPoisonRecordWhoseDeadLetterTopicIsMissingSaysSoOnceAndIsDeadLetteredOnceTheTopicExists() throws Exception {
        KafkaSettings settings = settings(Map.of("medsync.kafka.consumer.retry-initial-delay", "PT0.05S",
                "medsync.kafka.consumer.retry-max-delay", "PT0.2S"));
        KafkaTopics topics = new KafkaTopics(settings);
        KafkaPublisher publisher = new KafkaPublisher(settings);
        KafkaIntakeRoutesTest.RequestKind kind = new KafkaIntakeRoutesTest.RequestKind();
        AtomicInteger commits = new AtomicInteger();
        List<String> stored = new ArrayList<>();
        KafkaIntake intake = new KafkaIntake(List.of(kind), new ObjectMapper(), null, publisher, null, topics) {
            @Override
            public void storeDeadLetter(Exchange exchange) {
                stored.add(exchange.getMessage().getBody(RejectedRecord.class).reason());
            }
        };
        DefaultCamelContext camel = new DefaultCamelContext();
        try (LogCapture log = LogCapture.start()) {
            camel.addRoutes(new KafkaRoutes(settings, intake, topics));
            camel.start();

            CompletableFuture<Exchange> done = camel.createProducerTemplate().asyncSend("direct:kafka-intake", e -> {
                e.getMessage().setHeader(KafkaIntake.REQUEST_TYPE, kind.name());
                e.getMessage().setHeader(KafkaConstants.TOPIC, kind.topic());
                e.getMessage().setHeader(KafkaConstants.PARTITION, 0);
                e.getMessage().setHeader(KafkaConstants.OFFSET, 5L);
                e.getMessage().setHeader(KafkaConstants.KEY, "k");
                e.getMessage().setHeader(KafkaConstants.MANUAL_COMMIT, (KafkaManualCommit) commits::incrementAndGet);
                e.getMessage().setBody("not json".getBytes(StandardCharsets.UTF_8));
            });

            await().atMost(Duration.ofSeconds(10)).until(() -> saying(log, "cannot dead-letter") == 1);
            // The record waits (nothing is lost or committed) without a word more while the topic is missing.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
                    .until(() -> !done.isDone() && commits.get() == 0 && saying(log, "cannot dead-letter") == 1);

            admin.createTopics(List.of(new NewTopic(kind.deadLetterTopic(), 1, (short) 1))).all().get();

            Exchange exchange = done.get(15, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(exchange.isFailed()).isFalse();
            assertThat(commits).hasValue(1);
            assertThat(stored).containsExactly("not JSON");
            try (KafkaTestClient client = new KafkaTestClient(cluster.bootstrapServers())) {
                List<ConsumerRecord<String, byte[]>> copies = client.readAll(kind.deadLetterTopic());
                assertThat(copies).singleElement().satisfies(r -> assertThat(new String(
                        r.headers().lastHeader(KafkaIntake.REASON_HEADER).value(), StandardCharsets.UTF_8))
                        .isEqualTo("not JSON"));
            }
            assertThat(saying(log, "cannot dead-letter")).isEqualTo(1);
            assertThat(saying(log, "dead-lettering resumes")).isEqualTo(1);
        } finally {
            camel.close();
            publisher.close();
            topics.close();
        }
    }

    private static long saying(LogCapture log, String words) {
        return log.lines().stream().filter(l -> l.contains(words)).count();
    }

    private static KafkaSettings settings(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(overrides);
        values.put("medsync.kafka.bootstrap-servers", cluster.bootstrapServers());
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().withMapping(KafkaSettings.class);
        values.forEach(builder::withDefaultValue);
        return builder.build().getConfigMapping(KafkaSettings.class);
    }
}
