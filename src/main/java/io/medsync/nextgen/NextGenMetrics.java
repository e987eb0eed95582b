package io.medsync.nextgen;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.medsync.tenant.Tenant;
import io.medsync.tenant.TenantRegistry;

/**
 * {@code medsync_nextgen_enrolments{tenant,state}} (read from the database at scrape time, so every replica reports
 * the same) and {@code medsync_nextgen_reconsent_required_total{tenant}}. Labels are tenant ids and states only.
 */
@ApplicationScoped
public class NextGenMetrics {

    private final MeterRegistry registry;

    NextGenMetrics(MeterRegistry registry, TenantRegistry tenants, EnrolmentStore store) {
        this.registry = registry;
        for (Tenant tenant : tenants.all()) {
            if (tenant.nextGen().isEmpty()) {
                continue;
            }
            for (EnrolmentState state : EnrolmentState.values()) {
                Gauge.builder("medsync_nextgen_enrolments", () -> store.count(tenant.id(), state))
                        .tag("tenant", tenant.id()).tag("state", state.name().toLowerCase())
                        .description("NextGen patient enrolments by state")
                        .register(registry);
            }
        }
    }

    void reconsentRequired(String tenantId) {
        registry.counter("medsync_nextgen_reconsent_required_total", "tenant", tenantId).increment();
    }
}
