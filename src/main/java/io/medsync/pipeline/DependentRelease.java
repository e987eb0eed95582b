package io.medsync.pipeline;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

import io.medsync.ledger.Ledger;
import io.medsync.ledger.LedgerEntry;
import io.medsync.ledger.RecordKey;

/** When a record reaches NovaMed, the records parked on it go through the pipeline again. */
@ApplicationScoped
public class DependentRelease {

    private static final Logger LOG = Logger.getLogger(DependentRelease.class);

    private final Ledger ledger;
    private final Redelivery redelivery;

    DependentRelease(Ledger ledger, Redelivery redelivery) {
        this.ledger = ledger;
        this.redelivery = redelivery;
    }

    public void releaseDependents(Exchange exchange) {
        releaseDependentsOf(MedsyncExchange.delivery(exchange).key());
    }

    /** A failure here leaves the dependents parked (and retried on the next release); it never undoes the delivery. */
    public void releaseDependentsOf(RecordKey delivered) {
        for (LedgerEntry parked : ledger.parkedOn(delivered)) {
            try {
                LOG.infof("%s released: %s is now in NovaMed", parked.key(), delivered);
                redelivery.redeliverStored(parked.key());
            } catch (RuntimeException e) {
                LOG.warnf("%s stays parked: release failed (%s)", parked.key(), e.getClass().getSimpleName());
            }
        }
    }
}
