package io.medsync.nextgen;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.medsync.tenant.Tenant;
import io.medsync.tenant.TenantRegistry;
import io.quarkus.runtime.Startup;

/**
 * {@code medsync_nextgen_enrolments{tenant,state}} and {@code medsync_nextgen_grants_expiring{tenant}} (read from
 * the database at scrape time, so every replica reports the same) and
 * {@code medsync_nextgen_reconsent_required_total{tenant}}. Labels are tenant ids and states only. Created at
 * start-up, so the gauges exist before anything else asks for this bean.
 */
@Startup
@ApplicationScoped
public class NextGenMetrics {

    private final MeterRegistry registry;

    NextGenMetrics(MeterRegistry registry, TenantRegistry tenants, EnrolmentStore store, NextGenSettings settings) {
        this.registry = registry;
        for (Tenant tenant : tenants.all()) {
            if (tenant.nextGen().isEmpty()) {
                continue;
            }
            // The grant keeper refreshes a grant once less than refresh-ahead is left: a grant with less than half
            // of that left means the keeper has failed for hours, and the patient must consent again if it lapses.
            Gauge.builder("medsync_nextgen_grants_expiring", () -> store.ageing(Instant.now()
                            .minus(settings.refreshTokenLifetime()).plus(settings.refreshAhead().dividedBy(2)))
                            .stream().filter(e -> e.tenantId().equals(tenant.id())).count())
                    .tag("tenant", tenant.id())
                    .description("Active NextGen grants close to lapsing that the grant keeper has not refreshed")
                    .register(registry);
            // Registered at zero, so an alert's increase() sees the first re-consent too.
            registry.counter("medsync_nextgen_reconsent_required_total", "tenant", tenant.id());
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
