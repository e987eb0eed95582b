package io.medsync.pipeline;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

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
