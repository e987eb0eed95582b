package io.medsync.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.medsync.ledger.JobLeases;

/** Which scheduled routes take the job lease: decided by what a route declares, never by its name. */
class ScheduledJobGuardTest {

    // The policy factory never touches the ledger; only a running trigger would.
    private final ScheduledJobGuard guard = new ScheduledJobGuard(null, Duration.ofSeconds(30));

    @AfterEach
    void stopRenewer() {
        guard.stop();
    }

    @Test
    void aScheduledRouteRunsUnderTheLease() throws Exception {
        RouteDefinition sweep = route(new RouteBuilder() {
            @Override
            public void configure() {
                from("quartz:medsync/some-webhook-sweep?trigger.repeatCount=-1&trigger.repeatInterval=1000")
                        .routeId("some-webhook-sweep")
                        .log("sweep");
            }
        });

        assertThat(guard.createRoutePolicy(null, sweep.getRouteId(), sweep))
                .as("a name like an exempt route's no longer exempts it").isNotNull();
    }

    @Test
    void aRouteThatClaimsItsOwnWorkIsNotWrapped() throws Exception {
        RouteDefinition renamed = route(new RouteBuilder() {
            @Override
            public void configure() {
                from("quartz:medsync/any-name?trigger.repeatCount=-1&trigger.repeatInterval=1000")
                        .routeId("any-name")
                        .routeProperty(JobLeases.NO_LEASE, "true")
                        .log("sweep");
            }
        });

        assertThat(guard.createRoutePolicy(null, renamed.getRouteId(), renamed)).isNull();
    }

    @Test
    void theProgressLogRunsOnEveryReplica() throws Exception {
        RouteDefinition progressLog = route(new SyncProgressRoutes(Duration.ofSeconds(5), null));

        assertThat(progressLog.getRouteId()).isEqualTo("sync-progress-log");
        assertThat(guard.createRoutePolicy(null, progressLog.getRouteId(), progressLog)).isNull();
    }

    @Test
    void oneShotAndNonScheduledRoutesAreNotWrapped() throws Exception {
        RouteDefinition oneShot = route(new RouteBuilder() {
            @Override
            public void configure() {
                from("quartz:medsync/start-up?trigger.repeatCount=0").routeId("start-up").log("once");
            }
        });
        RouteDefinition direct = route(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").routeId("in").log("in");
            }
        });

        assertThat(guard.createRoutePolicy(null, oneShot.getRouteId(), oneShot)).isNull();
        assertThat(guard.createRoutePolicy(null, direct.getRouteId(), direct)).isNull();
    }

    private static RouteDefinition route(RouteBuilder builder) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            builder.configureRoutes(context);
            return builder.getRouteCollection().getRoutes().get(0);
        }
    }
}
