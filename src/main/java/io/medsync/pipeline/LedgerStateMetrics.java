package io.medsync.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.medsync.ledger.Ledger;
import io.medsync.ledger.RecordState;
import io.medsync.tenant.Tenant;
import io.medsync.tenant.TenantRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * {@code medsync_ledger_records{tenant,state}}: how many records are in each state now, read from the ledger, so
 * every replica reports the same and an alert on "in doubt > 0" clears when an operator resolves the record (the
 * outcome counters only ever grow). One grouped count serves every gauge of a scrape.
 */
@Startup
@ApplicationScoped
public class LedgerStateMetrics {

    private static final Duration SNAPSHOT_AGE = Duration.ofSeconds(10);

    private final Ledger ledger;
    private Map<String, Long> snapshot = Map.of();
    private Instant takenAt = Instant.EPOCH;

    LedgerStateMetrics(MeterRegistry registry, TenantRegistry tenants, Ledger ledger) {
        this.ledger = ledger;
        for (Tenant tenant : tenants.all()) {
            for (RecordState state : RecordState.values()) {
                String key = key(tenant.id(), state);
                Gauge.builder("medsync_ledger_records", this, m -> m.count(key))
                        .tag("tenant", tenant.id()).tag("state", state.name().toLowerCase())
                        .description("Ledger records per tenant and state, now")
                        .register(registry);
            }
        }
    }

    private synchronized double count(String key) {
        if (Instant.now().isAfter(takenAt.plus(SNAPSHOT_AGE))) {
            snapshot = ledger.countAll().stream().collect(Collectors.groupingBy(
                    c -> key(c.tenantId(), c.state()), Collectors.summingLong(Ledger.StateCount::count)));
            takenAt = Instant.now();
        }
        return snapshot.getOrDefault(key, 0L);
    }

    private static String key(String tenant, RecordState state) {
        return tenant + '/' + state;
    }
}
