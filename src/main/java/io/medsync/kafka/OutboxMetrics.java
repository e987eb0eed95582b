package io.medsync.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

import io.medsync.ledger.Outbox;

/** The outbox backlog as a gauge: events committed in the ledger but not yet on Kafka. Only while Kafka is on. */
@Startup
@ApplicationScoped
public class OutboxMetrics {

    OutboxMetrics(MeterRegistry registry, Outbox outbox, KafkaSettings settings) {
        if (settings.enabled()) {
            Gauge.builder("medsync.kafka.outbox.backlog", outbox, Outbox::backlog)
                    .description("Kafka events waiting in the outbox")
                    .register(registry);
        }
    }
}
