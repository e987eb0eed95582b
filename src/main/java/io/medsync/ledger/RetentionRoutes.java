package io.medsync.ledger;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;

/** The daily pruning job ({@code medsync.retention.schedule}, a Quartz cron, or "off"). */
@ApplicationScoped
public class RetentionRoutes extends RouteBuilder {

    private final RetentionSettings settings;
    private final Retention retention;

    RetentionRoutes(RetentionSettings settings, Retention retention) {
        this.settings = settings;
        this.retention = retention;
    }

    @Override
    public void configure() {
        if ("off".equals(settings.schedule())) {
            return;
        }
        // Quartz endpoint URIs take '+' for the spaces of a cron expression.
        from("quartz:medsync/retention?cron=" + settings.schedule().replace(' ', '+'))
                .routeId("retention")
                .bean(retention, "prune");
    }
}
