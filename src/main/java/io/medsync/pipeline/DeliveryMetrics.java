package io.medsync.pipeline;

import jakarta.enterprise.context.ApplicationScoped;

import io.medsync.ledger.DeadLetterStore;
import io.medsync.ledger.RecordKey;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.Startup;

/**
 * Delivery outcomes as Prometheus metrics. Labels are tenant, source, resource and outcome: ids of configuration,
 * never of a person.
 */
@Startup
@ApplicationScoped
public class DeliveryMetrics {

    private final MeterRegistry registry;

    DeliveryMetrics(MeterRegistry registry, DeadLetterStore deadLetters) {
        this.registry = registry;
        Gauge.builder("medsync.dead_letters.open", deadLetters,
                        store -> store.openBacklog().values().stream().mapToLong(Long::longValue).sum())
                .description("Dead letters waiting for an operator")
                .register(registry);
    }

    public void record(RecordKey key, SyncOutcome outcome) {
        registry.counter("medsync.records", Tags.of("tenant", key.tenantId(), "source", key.sourceSystem().label(),
                "resource", key.resourceType().label(), "outcome", outcome.label())).increment();
    }
}
