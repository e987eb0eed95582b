package io.medsync.pipeline;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spi.CamelEvent.CamelContextStartedEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.medsync.tenant.Tenant;
import io.medsync.tenant.TenantRegistry;

/**
 * Service mode: one scheduled route per tenant and source, created from the {@code source-sync-schedule} template that
 * {@code routes/schedules.yaml} defines, with the tenant's cron.
 */
@ApplicationScoped
public class SyncSchedules {

    private static final Logger LOG = Logger.getLogger(SyncSchedules.class);

    private final TenantRegistry tenants;
    private final boolean enabled;

    SyncSchedules(TenantRegistry tenants, @ConfigProperty(name = "medsync.schedules.enabled") boolean enabled) {
        this.tenants = tenants;
        this.enabled = enabled;
    }

    /** The scheduler's threads beyond the syncs: one each for the housekeeping jobs (sweeps, retention, progress log). */
    static final int HOUSEKEEPING_THREADS = 10;

    /**
     * The properties of Camel's Quartz scheduler ({@code camel.component.quartz.properties-ref}). A scheduled sync
     * holds its scheduler thread until the cycle ends, which for a rate-limited tenant is minutes: with Quartz's
     * default of 10 threads, 20 tenants got 10 syncs at a time and half of them no NovaMed budget spent at all
     * (BENCHMARKS.md, scenario 7). So the pool has a thread per scheduled sync, plus the housekeeping jobs'.
     */
    @Produces
    @Singleton
    @Named("medsyncQuartzProperties")
    Map<String, String> quartzProperties() {
        int syncs = 0;
        for (Tenant tenant : tenants.all()) {
            syncs += (tenant.readsNexHealth() && !"off".equals(tenant.nexHealthSyncCron()) ? 1 : 0)
                    + (tenant.nextGen().filter(n -> !"off".equals(n.syncCron())).isPresent() ? 1 : 0);
        }
        return Map.of("org.quartz.scheduler.instanceName", "DefaultQuartzScheduler",
                "org.quartz.scheduler.skipUpdateCheck", "true",
                "org.quartz.threadPool.threadCount", String.valueOf((enabled ? syncs : 0) + HOUSEKEEPING_THREADS),
                "org.quartz.jobStore.misfireThreshold", "60000");
    }

    void bind(@Observes CamelContextStartedEvent started) throws Exception {
        if (!enabled) {
            return;
        }
        CamelContext context = started.getContext();
        for (Tenant tenant : tenants.all()) {
            if (tenant.readsNexHealth()) {
                schedule(context, tenant, "nexhealth", tenant.nexHealthSyncCron());
            }
            if (tenant.nextGen().isPresent()) {
                schedule(context, tenant, "nextgen", tenant.nextGen().get().syncCron());
            }
        }
    }

    private static void schedule(CamelContext context, Tenant tenant, String source, String cron) throws Exception {
        if ("off".equals(cron)) {
            return;
        }
        TemplatedRouteBuilder.builder(context, "source-sync-schedule")
                .routeId(source + "-sync-schedule-" + tenant.id())
                .parameter("tenant", tenant.id())
                .parameter("source", source)
                // Quartz endpoint URIs take '+' for the spaces of a cron expression.
                .parameter("cron", cron.replace(' ', '+'))
                .add();
        LOG.infof("tenant %s: %s sync scheduled (%s)", tenant.id(), source, cron);
    }
}
