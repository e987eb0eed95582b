package io.medsync.pipeline;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.jboss.logging.Logger;

import io.medsync.ledger.ResourceType;
import io.medsync.ledger.StoreUnavailableException;
import io.medsync.ledger.TenantPauses;
import io.medsync.tenant.Tenant;
import io.medsync.tenant.TenantRegistry;

/**
 * Runs sync cycles. At most one cycle per tenant at a time: a trigger that fires while the previous cycle is still
 * going is skipped (and reported), never run twice in parallel.
 */
@Named("syncJobRunner")
@ApplicationScoped
public class SyncJobRunner {

    private static final Logger LOG = Logger.getLogger(SyncJobRunner.class);

    private final ProducerTemplate producer;
    private final TenantRegistry tenants;
    private final ConcurrentHashMap<String, AtomicBoolean> running = new ConcurrentHashMap<>();
    private final SyncProgress progress;
    private final TenantPauses pauses;
    private final StoreOutages store;

    SyncJobRunner(ProducerTemplate producer, TenantRegistry tenants, SyncProgress progress, TenantPauses pauses,
            StoreOutages store) {
        this.producer = producer;
        this.store = store;
        this.tenants = tenants;
        this.progress = progress;
        this.pauses = pauses;
    }

    /** One incremental cycle over every tenant, in order: the demo and the command-line run. */
    public SyncRun runAllTenants() {
        return runAllTenants(false);
    }

    /**
     * @param fullResync pull every record instead of those changed since the last run; the ledger still skips the
     *                   unchanged ones, so this costs source reads, not NovaMed calls
     */
    public SyncRun runAllTenants(boolean fullResync) {
        SyncRun run = new SyncRun();
        tenants.all().forEach(tenant -> runTenant(tenant, run, fullResync));
        run.finish();
        return run;
    }

    /** Entry point of the scheduled YAML routes. */
    public SyncRun runScheduled(String tenantId, String source) {
        SyncRun run = new SyncRun();
        if (paused(tenantId, run)) {
            LOG.infof("scheduled %s sync of tenant %s skipped: the tenant is paused", source, tenantId);
            run.finish();
            return run;
        }
        boolean nexHealth = "nexhealth".equals(source);
        runSources(tenants.get(tenantId), run, false, nexHealth, !nexHealth);
        run.finish();
        LOG.infof("scheduled sync of tenant %s finished in %d ms: pulled=%d created=%d linked=%d unchanged=%d"
                + " still_failed=%d drifted=%d failed=%d parked=%d in_doubt=%d novamed_calls=%d%s", tenantId,
                run.elapsed().toMillis(), run.total(SyncOutcome.PULLED), run.total(SyncOutcome.CREATED),
                run.total(SyncOutcome.LINKED), run.total(SyncOutcome.UNCHANGED), run.total(SyncOutcome.STILL_FAILED),
                run.total(SyncOutcome.DRIFTED), run.total(SyncOutcome.FAILED), run.total(SyncOutcome.PARKED),
                run.total(SyncOutcome.IN_DOUBT), run.total(SyncOutcome.NOVAMED_CALLS),
                run.storeUnavailable() ? " store_unavailable (ledger database down: the next run settles the rest)" : "");
        return run;
    }

    /** False when the ledger database is still down (reported in the run: the tenant's sync does not start). */
    private boolean settledLeftInFlight(Tenant tenant, SyncRun run) {
        try {
            store.settleLeftInFlight(tenant.id());
            return true;
        } catch (RuntimeException e) {
            if (!store.report(run, tenant.id(), e)) {
                throw e;
            }
            return false;
        }
    }

    /** Whether the tenant is paused; a ledger that does not answer is reported in the run, and nothing runs. */
    private boolean paused(String tenantId, SyncRun run) {
        try {
            return pauses.paused(tenantId);
        } catch (RuntimeException e) {
            if (!store.report(run, tenantId, e)) {
                throw e;
            }
            return false;
        }
    }

    /**
     * An operator's "sync now" of one tenant's source, on a thread of its own (an explicit request runs even while
     * the tenant is paused).
     *
     * @param source nexhealth, nextgen, or null for every source of the tenant
     * @param fullResync pull every record, as {@link #runAllTenants(boolean)}
     * @return false when a sync of the tenant is already running
     */
    public boolean syncNow(String tenantId, String source, boolean fullResync) {
        Tenant tenant = tenants.get(tenantId);
        if (source != null && !source.equals("nexhealth") && !source.equals("nextgen")) {
            throw new IllegalArgumentException("source must be nexhealth or nextgen (or absent: both)");
        }
        if (running.computeIfAbsent(tenant.id(), id -> new AtomicBoolean()).get()) {
            return false;
        }
        new Thread(() -> {
            SyncRun run = new SyncRun();
            runSources(tenant, run, fullResync, source == null || source.equals("nexhealth"),
                    source == null || source.equals("nextgen"));
            run.finish();
        }, "medsync-sync-now-" + tenantId).start();
        return true;
    }

    /**
     * Keeps the tenant's syncs out while something else reads its sources (a go-live rehearsal), as a running sync
     * would. @return false when a sync of the tenant is running
     */
    boolean claim(String tenantId) {
        return running.computeIfAbsent(tenantId, id -> new AtomicBoolean()).compareAndSet(false, true);
    }

    void release(String tenantId) {
        running.get(tenantId).set(false);
    }

    public boolean isRunning(String tenantId) {
        AtomicBoolean busy = running.get(tenantId);
        return busy != null && busy.get();
    }

    private void sync(Tenant tenant, SyncRun run, boolean fullResync, String source) {
        try {
            RunProgress tracked = progress.start(tenant.id(), source.substring("direct:".length(),
                    source.length() - "-sync".length()), run, fullResync);
            try {
                send(tenant, run, fullResync, source);
            } finally {
                progress.finish(tracked);
            }
        } catch (RuntimeException e) {
            // The run history and the previous run's size are in the ledger too.
            if (!store.report(run, tenant.id(), e)) {
                throw e;
            }
        }
    }

    private void send(Tenant tenant, SyncRun run, boolean fullResync, String source) {
        Exchange exchange = new DefaultExchange(producer.getCamelContext());
        exchange.setProperty(MedsyncExchange.RUN, run);
        exchange.setProperty(MedsyncExchange.TENANT, tenant);
        exchange.setProperty(MedsyncExchange.FULL_RESYNC, fullResync);
        Exchange done = producer.send(source, exchange);
        if (done.getException() != null && store.report(run, tenant.id(), done.getException())) {
            return;
        }
        if (done.getException() != null) {
            // Ids and types only: exception messages from lower layers are not trusted to be PHI-free.
            String reason = "sync aborted: " + done.getException().getClass().getSimpleName();
            run.error(tenant.id(), ResourceType.PATIENT, reason);
            LOG.errorf(done.getException(), "tenant %s: %s", tenant.id(), reason);
        }
    }

    void runTenant(Tenant tenant, SyncRun run, boolean fullResync) {
        runSources(tenant, run, fullResync, true, true);
    }

    private void runSources(Tenant tenant, SyncRun run, boolean fullResync, boolean nexHealth, boolean nextGen) {
        AtomicBoolean busy = running.computeIfAbsent(tenant.id(), id -> new AtomicBoolean());
        if (!busy.compareAndSet(false, true)) {
            LOG.warnf("sync of tenant %s skipped: the previous run is still going", tenant.id());
            run.skipped(tenant.id());
            return;
        }
        try {
            if (run.storeUnavailable() && store.report(run, tenant.id(), new StoreUnavailableException("earlier"))) {
                // Another tenant of this run met the ledger database down: this one is not tried either.
                return;
            }
            if (!settledLeftInFlight(tenant, run)) {
                return;
            }
            if (nexHealth && tenant.readsNexHealth()) {
                sync(tenant, run, fullResync, "direct:nexhealth-sync");
            }
            if (nextGen && tenant.nextGen().isPresent()) {
                sync(tenant, run, fullResync, "direct:nextgen-sync");
            }
        } finally {
            busy.set(false);
        }
    }
}
