package io.medsync.pipeline;

import java.util.ArrayList;
import java.util.List;
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
        return Map.of("org.quartz.scheduler.instanceName", "DefaultQuartzScheduler",
                "org.quartz.scheduler.skipUpdateCheck", "true",
                "org.quartz.threadPool.threadCount", String.valueOf(scheduled().size() + HOUSEKEEPING_THREADS),
                "org.quartz.jobStore.misfireThreshold", "60000");
    }

    void bind(@Observes CamelContextStartedEvent started) throws Exception {
        for (ScheduledSync sync : scheduled()) {
            schedule(started.getContext(), sync);
        }
    }

    /** A tenant's source sync with its cron. */
    private record ScheduledSync(Tenant tenant, String source, String cron) {
    }

    /** The syncs service mode schedules: every tenant's sources whose cron is not "off" (none when disabled). */
    private List<ScheduledSync> scheduled() {
        List<ScheduledSync> syncs = new ArrayList<>();
        if (!enabled) {
            return syncs;
        }
        for (Tenant tenant : tenants.all()) {
            if (tenant.readsNexHealth()) {
                syncs.add(new ScheduledSync(tenant, "nexhealth", tenant.nexHealthSyncCron()));
            }
            tenant.nextGen().ifPresent(nextGen -> syncs.add(new ScheduledSync(tenant, "nextgen", nextGen.syncCron())));
        }
        syncs.removeIf(sync -> "off".equals(sync.cron()));
        return syncs;
    }

    private static void schedule(CamelContext context, ScheduledSync sync) throws Exception {
        TemplatedRouteBuilder.builder(context, "source-sync-schedule")
                .routeId(sync.source() + "-sync-schedule-" + sync.tenant().id())
                .parameter("tenant", sync.tenant().id())
                .parameter("source", sync.source())
                // Quartz endpoint URIs take '+' for the spaces of a cron expression.
                .parameter("cron", sync.cron().replace(' ', '+'))
                .add();
        LOG.infof("tenant %s: %s sync scheduled (%s)", sync.tenant().id(), sync.source(), sync.cron());
    }
}
