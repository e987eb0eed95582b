package io.medsync.testing;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Runs a {@code @QuarkusTest} with Kafka on, against a real in-process broker ({@link KafkaBrokerResource}). */
public class KafkaProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("medsync.kafka.outbox.drain-interval", "PT0.2S",
                "medsync.kafka.consumer.retry-initial-delay", "PT0.05S",
                "medsync.kafka.consumer.retry-max-delay", "PT0.5S");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaBrokerResource.class));
    }
}
