package io.medsync.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.jboss.logging.Logger;

import io.medsync.ledger.Ledger;
import io.medsync.ledger.LedgerEntry;
import io.medsync.ledger.RecordKey;

/**
 * When a record reaches NovaMed, the records parked on it go through their delivery routes again (the route
 * {@code release-dependents} in {@link DeliveryRoutes}). A failure there leaves them for the next release or sync; it
 * never undoes the delivery.
 */
@ApplicationScoped
public class DependentRelease {

    static final String ENDPOINT = "direct:release-dependents";
    private static final Logger LOG = Logger.getLogger(DependentRelease.class);

    private final Ledger ledger;
    private final Redelivery redelivery;
    private final ProducerTemplate producer;

    DependentRelease(Ledger ledger, Redelivery redelivery, ProducerTemplate producer) {
        this.ledger = ledger;
        this.redelivery = redelivery;
        this.producer = producer;
    }

    /**
     * Route step: the body (the delivered record, or its key) becomes the records parked on it, each released in the ledger
     * and read back from its stored payload; in a sync run they count in it. A dry run releases nothing.
     */
    public void parkedOnDelivered(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        RecordKey delivered = body instanceof RecordKey key ? key : MedsyncExchange.delivery(exchange).key();
        List<Delivery> released = new ArrayList<>();
        SyncRun run = exchange.getProperty(MedsyncExchange.RUN, SyncRun.class);
        if (!DryRun.active(exchange)) {
            for (LedgerEntry parked : ledger.parkedOn(delivered)) {
                Optional<Delivery> delivery = redelivery.releaseStored(parked.key());
                delivery.ifPresent(released::add);
                if (run != null && delivery.isPresent()) {
                    run.released(parked.key());
                }
                LOG.infof("%s released: %s is now in NovaMed", parked.key(), delivered);
            }
        }
        exchange.getMessage().setBody(released);
    }

    /** Error handler of the release route: the record is retried by the next release or sync. */
    public void releaseFailed(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Delivery delivery = exchange.getMessage().getBody(Delivery.class);
        LOG.warnf("%s not redelivered: release failed (%s); the next sync retries it",
                delivery == null ? "a dependent record" : delivery.key(),
                cause == null ? "unknown" : cause.getClass().getSimpleName());
    }

    /** Releases the dependents of a record an operator settled by hand (outside any delivery route). */
    public void releaseDependentsOf(RecordKey delivered) {
        producer.sendBody(ENDPOINT, delivered);
    }
}
