package io.medsync.nextgen;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;

import io.medsync.ledger.JobLeases;
import io.medsync.ledger.SkipWhileStoreDown;

/**
 * Deletes expired consent flows every {@code medsync.nextgen.consent-sweep-interval}, so patients who never come
 * back from NextGen leave no rows behind. A Quartz simple trigger outside the job lease (pipeline/ScheduledJobGuard):
 * the delete is idempotent, so every replica may run it.
 */
@ApplicationScoped
public class ConsentSweepRoutes extends RouteBuilder {

    /** Exchange property: how many expired flows the sweep deleted (logged by name, never the body: design §8). */
    static final String DELETED = "medsyncConsentFlowsDeleted";

    private final NextGenSettings settings;
    private final EnrolmentStore store;
    private final NextGenAuthServer clock;

    ConsentSweepRoutes(NextGenSettings settings, EnrolmentStore store, NextGenAuthServer clock) {
        this.settings = settings;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void configure() {
        long period = settings.consentSweepInterval().toMillis();
        // One sweep at a time, like the webhook sweeps; an idempotent delete, so every replica may run it.
        from("quartz:medsync/nextgen-consent-sweep?stateful=true&trigger.repeatCount=-1&trigger.repeatInterval="
                + period)
                .routeId("nextgen-consent-sweep")
                .routeConfigurationId(SkipWhileStoreDown.ID)
                .routeProperty(JobLeases.NO_LEASE, "true")
                .process(exchange -> exchange.setProperty(DELETED, store.sweepExpiredPending(clock.now())))
                .filter(exchangeProperty(DELETED).isGreaterThan(0))
                .log("expired NextGen consent flows deleted: ${exchangeProperty." + DELETED + "}");
    }
}
