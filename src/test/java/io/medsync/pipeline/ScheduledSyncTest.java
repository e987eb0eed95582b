package io.medsync.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.junit.jupiter.api.Test;

import io.medsync.sandbox.SandboxLauncher;
import io.medsync.testing.SchedulesProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Service mode: the YAML template yields one Quartz route per tenant, and its trigger runs the tenant's sync. */
@QuarkusTest
@TestProfile(SchedulesProfile.class)
class ScheduledSyncTest {

    @Inject
    CamelContext camel;

    @Inject
    SandboxLauncher sandbox;

    @Test
    void theTenantsCronTriggersItsSync() {
        assertThat(camel.getRoute("nexhealth-sync-schedule-demo-clinic")).isNotNull();
        assertThat(camel.getRoute("nexhealth-sync-schedule-demo-clinic").getEndpoint().getEndpointUri())
                .startsWith("quartz://medsync/nexhealth-sync-demo-clinic");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sandbox.nexHealth().recordedRequests())
                .anyMatch(r -> r.path().equals("/providers")));
    }

    /** A sync holds its scheduler thread for the whole cycle: with too few threads, tenants past the pool never sync. */
    @Test
    void theSchedulerHasAThreadForEveryScheduledSyncBesidesTheHousekeepingJobs() throws Exception {
        long syncs = camel.getRoutes().stream().filter(r -> r.getRouteId().contains("-sync-schedule-")).count();
        long housekeeping = camel.getRoutes().stream()
                .filter(r -> r.getEndpoint().getEndpointUri().startsWith("quartz:"))
                .filter(r -> !r.getRouteId().contains("-sync-schedule-")).count();
        QuartzComponent quartz = camel.getComponent("quartz", QuartzComponent.class);

        assertThat(syncs).isPositive();
        assertThat(housekeeping).isPositive().isLessThanOrEqualTo(SyncSchedules.HOUSEKEEPING_THREADS);
        assertThat(quartz.getScheduler().getMetaData().getThreadPoolSize())
                .isEqualTo(syncs + SyncSchedules.HOUSEKEEPING_THREADS);
    }
}
