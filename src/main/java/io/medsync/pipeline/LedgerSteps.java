package io.medsync.pipeline;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

import io.medsync.ledger.Ledger;
import io.medsync.ledger.Verdict;
import io.medsync.mapping.MappingException;
import io.medsync.novamed.NovaMedCreated;
import io.medsync.novamed.NovaMedRejectedException;

/** The pipeline's ledger steps: the idempotency check and every state transition around the NovaMed call. */
@ApplicationScoped
public class LedgerSteps {

    private static final Logger LOG = Logger.getLogger(LedgerSteps.class);

    private final Ledger ledger;

    LedgerSteps(Ledger ledger) {
        this.ledger = ledger;
    }

    /** Idempotent consumer: decides whether the record goes on, and records new records as pending. */
    public void check(Exchange exchange) {
        Delivery delivery = MedsyncExchange.delivery(exchange);
        Verdict verdict = ledger.check(delivery.key(), delivery.contentHash());
        exchange.getMessage().setHeader(MedsyncExchange.VERDICT, verdict);
        switch (verdict) {
            case UNCHANGED -> MedsyncExchange.count(exchange, SyncOutcome.UNCHANGED);
            case DRIFTED -> {
                MedsyncExchange.count(exchange, SyncOutcome.DRIFTED);
                LOG.infof("%s changed at the source after delivery: marked drifted (NovaMed has no update)", delivery.key());
            }
            case NEW, RETRY -> {
                if (delivery.problem() != null) {
                    throw new MappingException(delivery.problem());
                }
            }
        }
    }

    /** Committed before the NovaMed call, so a crash during it is visible at start-up. */
    public void markInFlight(Exchange exchange) {
        ledger.markInFlight(MedsyncExchange.delivery(exchange).key());
    }

    public void markDelivered(Exchange exchange) {
        Delivery delivery = MedsyncExchange.delivery(exchange);
        NovaMedCreated created = exchange.getProperty(NovaMedPushSteps.CREATED, NovaMedCreated.class);
        ledger.markDelivered(delivery.key(), created.novaMedId());
        MedsyncExchange.count(exchange, SyncOutcome.CREATED);
        LOG.debugf("%s delivered%s", delivery.key(), created.alreadyExisted() ? " (NovaMed already had it)" : "");
    }

    /** The handler of every record-level failure: the reason goes to the ledger, the key to the log. */
    public void markFailed(Exchange exchange) {
        Delivery delivery = MedsyncExchange.delivery(exchange);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Integer status = cause instanceof NovaMedRejectedException rejected ? rejected.httpStatus() : null;
        String reason = reasonOf(cause);
        ledger.markFailed(delivery.key(), reason, status);
        MedsyncExchange.count(exchange, SyncOutcome.FAILED);
        LOG.warnf("%s failed: %s", delivery.key(), reason);
    }

    /** Only our own exception types carry reasons known to be free of PHI; anything else is named by type. */
    static String reasonOf(Exception cause) {
        if (cause instanceof MappingException mapping) {
            return "mapping: " + mapping.reason();
        }
        if (cause instanceof NovaMedRejectedException || cause instanceof UnresolvedDependencyException) {
            return cause.getMessage();
        }
        return "unexpected " + (cause == null ? "error" : cause.getClass().getSimpleName());
    }
}
