package io.medsync.pipeline;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.medsync.ledger.DeadLetterStore;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.micrometer.core.instrument.Counter;
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
    /** Each label set's counter, registered on first use instead of searched in the registry for every record. */
    private final Map<Labels, Counter> counters = new ConcurrentHashMap<>();

    private record Labels(String tenantId, SourceSystem source, ResourceType resource, SyncOutcome outcome) {
    }

    DeliveryMetrics(MeterRegistry registry, DeadLetterStore deadLetters) {
        this.registry = registry;
        Gauge.builder("medsync.dead_letters.open", deadLetters,
                        store -> store.openBacklog().values().stream().mapToLong(Long::longValue).sum())
                .description("Dead letters waiting for an operator")
                .register(registry);
    }

    public void record(RecordKey key, SyncOutcome outcome) {
        counters.computeIfAbsent(new Labels(key.tenantId(), key.sourceSystem(), key.resourceType(), outcome),
                l -> registry.counter("medsync.records", Tags.of("tenant", l.tenantId(), "source", l.source().label(),
                        "resource", l.resource().label(), "outcome", l.outcome().label()))).increment();
    }
}
