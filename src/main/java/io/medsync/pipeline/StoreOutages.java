package io.medsync.pipeline;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

import io.medsync.ledger.Ledger;
import io.medsync.ledger.LedgerEntry;
import io.medsync.ledger.LedgerException;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.RecordState;
import io.medsync.ledger.StoreUnavailableException;
import io.medsync.tenant.Tenant;

/**
 * The ledger database going away mid-run is an outage like a partner's, not a failure of the records in flight: the
 * run stops taking the tenant's records, leaves those it had as the ledger holds them (pending, or in flight when
 * NovaMed was being called), dead-letters nothing, logs it once per run and reports it in the summary
 * ({@code store_unavailable}). The pool opens fresh connections once it is back, and the tenant's next run first
 * settles the records this process left in flight, as start-up recovery would (they would otherwise wait for the
 * stale in-flight rule or a restart).
 */
@ApplicationScoped
public class StoreOutages {

    private static final Logger LOG = Logger.getLogger(StoreOutages.class);
    /** Enough for every delivery thread of many runs; beyond it the stale in-flight rule still settles them. */
    private static final int MAX_REMEMBERED = 10_000;

    private final Ledger ledger;
    private final InFlightRecovery recovery;
    /** Records left as they were during an outage, and when: those still in flight since then are settled. */
    private final Map<RecordKey, Instant> left = new ConcurrentHashMap<>();

    StoreOutages(Ledger ledger, InFlightRecovery recovery) {
        this.ledger = ledger;
        this.recovery = recovery;
    }

    /** True when the failure the exchange caught means the ledger database is not there. */
    static boolean caused(Exchange exchange) {
        return LedgerException.storeOutage(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class))
                .isPresent();
    }

    /** Before a record is taken: once the run met the ledger down for its tenant, the rest are left as they are. */
    public void admit(Exchange exchange) {
        SyncRun run = exchange.getProperty(MedsyncExchange.RUN, SyncRun.class);
        if (run != null && run.storeUnavailableFor(MedsyncExchange.delivery(exchange).key().tenantId())) {
            throw new StoreUnavailableException("the ledger database is unavailable: record not taken");
        }
    }

    /** The record met the ledger down: it stays as it is, counted deferred, and the run stops taking records. */
    public void leave(Exchange exchange) {
        MedsyncExchange.count(exchange, SyncOutcome.DEFERRED);
        Delivery delivery = MedsyncExchange.delivery(exchange);
        if (left.size() < MAX_REMEMBERED) {
            left.put(delivery.key(), Instant.now());
        }
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        SyncRun run = exchange.getProperty(MedsyncExchange.RUN, SyncRun.class);
        if (run == null) {
            // A single record (a webhook's, a replay): no run to stop, one line for it.
            LOG.warnf("ledger database unavailable (%s): %s left as it is, a later run settles it",
                    LedgerException.storeOutage(cause).orElse("unknown"), delivery.key());
            return;
        }
        report(run, delivery.key().tenantId(), cause);
    }

    /**
     * Before a tenant's run: records of the tenant this process left during an outage and that are still in flight
     * since then (no worker has taken them again) are settled now, as at start-up: resent where NovaMed deduplicates
     * the create, in doubt otherwise. Throws the ledger's failure when the database is still down.
     */
    void settleLeftInFlight(String tenantId) {
        for (Map.Entry<RecordKey, Instant> record : left.entrySet()) {
            if (!record.getKey().tenantId().equals(tenantId)) {
                continue;
            }
            Optional<LedgerEntry> entry = ledger.find(record.getKey());
            left.remove(record.getKey());
            if (entry.isPresent() && entry.get().state() == RecordState.IN_FLIGHT
                    && !entry.get().updatedAt().isAfter(record.getValue())) {
                LOG.infof("%s was in flight when the ledger database went away; settling it", record.getKey());
                recovery.settle(entry.get(), "the ledger database went away");
            }
        }
    }

    /** A pull step met the ledger down: the tenant's sync stops here (its cursors stay where they are). */
    public void stopSync(Exchange exchange) {
        SyncRun run = exchange.getProperty(MedsyncExchange.RUN, SyncRun.class);
        Tenant tenant = exchange.getProperty(MedsyncExchange.TENANT, Tenant.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (run == null || tenant == null) {
            LOG.warnf("ledger database unavailable (%s): sync stopped", LedgerException.storeOutage(cause).orElse("?"));
            return;
        }
        report(run, tenant.id(), cause);
    }

    /**
     * A record's failure handler, unless the failure it handles, or its own ledger write, is the ledger being down:
     * then the record is {@linkplain #leave left} instead (no dead letter for an outage, no error handler failing
     * in its turn).
     */
    Processor unlessStoreDown(Processor handler) {
        return exchange -> {
            if (caused(exchange)) {
                leave(exchange);
                return;
            }
            try {
                handler.process(exchange);
            } catch (LedgerException e) {
                if (LedgerException.storeOutage(e).isEmpty()) {
                    throw e;
                }
                exchange.setProperty(Exchange.EXCEPTION_CAUGHT, e);
                leave(exchange);
            }
        };
    }

    /**
     * Marks the tenant's sync as stopped by the ledger outage when {@code failure} is one.
     *
     * @return false when the failure is something else (for the caller to report as it would)
     */
    public boolean report(SyncRun run, String tenant, Throwable failure) {
        Optional<String> outage = LedgerException.storeOutage(failure);
        if (outage.isEmpty()) {
            return false;
        }
        if (run.storeUnavailable(tenant)) {
            LOG.warnf("ledger database unavailable (%s): the run stops taking records (tenant %s first); they stay"
                    + " pending or in flight, and the next run settles them", outage.get(), tenant);
        } else {
            LOG.debugf("ledger database unavailable (%s): tenant %s stops too", outage.get(), tenant);
        }
        return true;
    }
}
