package io.medsync.pipeline;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.medsync.ledger.JobLeases;

/** A progress line per running sync every {@code medsync.sync.progress-log-interval} (PT0S: off). */
@ApplicationScoped
public class SyncProgressRoutes extends RouteBuilder {

    private final Duration interval;
    private final SyncProgress progress;

    SyncProgressRoutes(@ConfigProperty(name = "medsync.sync.progress-log-interval") Duration interval,
            SyncProgress progress) {
        this.interval = interval;
        this.progress = progress;
    }

    @Override
    public void configure() {
        if (interval.isZero()) {
            return;
        }
        from("quartz:medsync/sync-progress-log?trigger.repeatCount=-1&trigger.repeatInterval=" + interval.toMillis()
                + "&triggerStartDelay=" + interval.toMillis())
                .routeId("sync-progress-log")
                // Reports this process's own runs: every replica logs its own.
                .routeProperty(JobLeases.NO_LEASE, "true")
                .bean(progress, "logProgress");
    }
}
