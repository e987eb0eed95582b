package io.medsync.kafka;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: the Kafka cluster answers (within medsync.kafka.health-timeout) and has every configured topic; the
 * missing ones are named, since a missing topic stalls what goes to it (outbox events, dead-lettered records). Up
 * without a check while Kafka is off: then nothing depends on a broker.
 */
@Readiness
@ApplicationScoped
public class KafkaBrokerHealthCheck implements HealthCheck {

    static final String NAME = "Kafka broker connection";

    private final KafkaSettings settings;
    private final KafkaTopics topics;

    KafkaBrokerHealthCheck(KafkaSettings settings, KafkaTopics topics) {
        this.settings = settings;
        this.topics = topics;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).withData("enabled", settings.enabled());
        if (!settings.enabled()) {
            return response.up().build();
        }
        try {
            int brokers = topics.brokers();
            List<String> missing = topics.missing();
            response.withData("brokers", brokers);
            if (!missing.isEmpty()) {
                response.withData("missingTopics", String.join(", ", missing));
            }
            return response.status(brokers > 0 && missing.isEmpty()).build();
        } catch (KafkaTopics.KafkaUnreachableException e) {
            return response.down().withData("error", e.getMessage()).build();
        }
    }
}
