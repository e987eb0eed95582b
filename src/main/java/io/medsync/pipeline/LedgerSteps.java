package io.medsync.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.medsync.http.PartnerUnavailableException;
import io.medsync.ledger.DeadLetterStore;
import io.medsync.ledger.Ledger;
import io.medsync.ledger.LedgerEntry;
import io.medsync.ledger.LedgerPage;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.PayloadVault;
import io.medsync.crypto.SealedPayload;
import io.medsync.ledger.Verdict;
import io.medsync.mapping.MappingException;
import io.medsync.novamed.DeliveryInDoubtException;
import io.medsync.novamed.NovaMedCreated;
import io.medsync.novamed.NovaMedRejectedException;

/**
 * The pipeline's ledger steps: the idempotency check and every state transition around the NovaMed call. In a
 * {@link DryRun} the ledger is only read: every record goes on (the preview shows what a delivered record was sent
 * as), and the outcome a failure would have is recorded in the dry run instead of the ledger.
 */
@ApplicationScoped
public class LedgerSteps {

    private static final Logger LOG = Logger.getLogger(LedgerSteps.class);

    private final Ledger ledger;
    private final DeadLetterStore deadLetters;
    private final PayloadVault vault;
    private final DeliveryMetrics metrics;

    private final NovaMedPushSteps novaMed;
    private final int maxIsolatedAttempts;

    LedgerSteps(Ledger ledger, DeadLetterStore deadLetters, PayloadVault vault, DeliveryMetrics metrics,
            NovaMedPushSteps novaMed,
            @ConfigProperty(name = "medsync.circuit.max-isolated-attempts", defaultValue = "4") int maxIsolatedAttempts) {
        this.ledger = ledger;
        this.novaMed = novaMed;
        this.maxIsolatedAttempts = maxIsolatedAttempts;
        this.deadLetters = deadLetters;
        this.vault = vault;
        this.metrics = metrics;
    }

    /** Exchange property: the {@link LedgerPage} of the source page being delivered (absent for single records). */
    public static final String PAGE = "medsync.ledgerPage";

    /**
     * Before a source page is split into records: the ledger state of all its records in one query, and its new
     * records inserted as pending in one transaction, so that {@link #check} needs no query of its own for most
     * records (a re-sync of unchanged data then costs a query per page, not one per record). The records the page's
     * state settles without a write (unchanged, still failed) are counted and taken out of the body; the rest go on
     * to the split. A dry run only reads the ledger, record by record.
     */
    public void preparePage(Exchange exchange) {
        exchange.removeProperty(PAGE);
        if (DryRun.active(exchange)) {
            return;
        }
        List<?> page = exchange.getMessage().getBody(List.class);
        if (page == null || page.isEmpty()) {
            return;
        }
        Map<RecordKey, String> hashes = new LinkedHashMap<>();
        for (Object item : page) {
            if (item instanceof Delivery delivery) {
                hashes.putIfAbsent(delivery.key(), delivery.contentHash());
            }
        }
        LedgerPage ledgerPage = ledger.preparePage(hashes);
        exchange.setProperty(PAGE, ledgerPage);
        // What the page's ledger state settles (unchanged, still failed) is counted here and not split into an
        // exchange of its own: a re-sync of unchanged data costs a query per page and little per record.
        List<Object> rest = new ArrayList<>(page.size());
        for (Object item : page) {
            if (item instanceof Delivery delivery) {
                Optional<Verdict> settled = ledgerPage.settled(delivery.key(), delivery.contentHash());
                if (settled.isPresent()) {
                    count(exchange, delivery, settled.get() == Verdict.UNCHANGED ? SyncOutcome.UNCHANGED
                            : SyncOutcome.STILL_FAILED);
                    continue;
                }
            }
            rest.add(item);
        }
        if (rest.size() < page.size()) {
            exchange.getMessage().setBody(rest);
        }
    }

    /** Idempotent consumer: decides whether the record goes on, and records new records as pending. */
    public void check(Exchange exchange) {
        Delivery delivery = MedsyncExchange.delivery(exchange);
        Verdict verdict;
        if (DryRun.active(exchange)) {
            exchange.setProperty(DryRun.LEDGER_STATE,
                    ledger.find(delivery.key()).map(e -> e.state().name()).orElse("NEW"));
            verdict = Verdict.NEW;
        } else {
            LedgerPage page = exchange.getProperty(PAGE, LedgerPage.class);
            verdict = page == null ? ledger.check(delivery.key(), delivery.contentHash())
                    : ledger.check(delivery.key(), delivery.contentHash(), page);
        }
        exchange.getMessage().setHeader(MedsyncExchange.VERDICT, verdict);
        switch (verdict) {
            case UNCHANGED -> count(exchange, SyncOutcome.UNCHANGED);
            case UNRESOLVED -> count(exchange, SyncOutcome.STILL_FAILED);
            case DRIFTED -> {
                count(exchange, SyncOutcome.DRIFTED);
                LOG.infof("%s changed at the source after delivery: marked drifted (NovaMed has no update)", delivery.key());
            }
            case NEW, RETRY -> {
                if (delivery.problem() != null) {
                    throw new MappingException(delivery.problem());
                }
            }
        }
    }

    /** Committed, with the encrypted payload, before the NovaMed call: a crash during it is visible at start-up. */
    public void markInFlight(Exchange exchange) {
        if (DryRun.active(exchange)) {
            return;
        }
        Delivery delivery = MedsyncExchange.delivery(exchange);
        ledger.markInFlight(delivery.key(), vault.seal(delivery.key(), delivery.source()));
    }

    public void markDelivered(Exchange exchange) {
        if (DryRun.active(exchange)) {
            return;
        }
        Delivery delivery = MedsyncExchange.delivery(exchange);
        NovaMedCreated created = exchange.getProperty(NovaMedPushSteps.CREATED, NovaMedCreated.class);
        ledger.markDelivered(delivery.key(), created.novaMedId());
        // NovaMed created nothing when it answered the first request "already exists": no create is claimed.
        count(exchange, created.createdByThisCall() ? SyncOutcome.CREATED : SyncOutcome.LINKED);
        LOG.debugf("%s delivered%s", delivery.key(), created.alreadyExisted() ? " (NovaMed already had it)" : "");
    }

    /** Another worker is delivering the same record: nothing to do here. */
    public void skipConcurrent(Exchange exchange) {
        count(exchange, SyncOutcome.UNCHANGED);
        LOG.debugf("%s skipped: another worker is delivering it", MedsyncExchange.delivery(exchange).key());
    }

    /** Waits for the record it depends on; released when that one is delivered. Not a failure. */
    public void park(Exchange exchange) {
        Delivery delivery = MedsyncExchange.delivery(exchange);
        UnresolvedDependencyException cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT,
                UnresolvedDependencyException.class);
        if (DryRun.active(exchange) && DryRun.of(exchange).parks(cause)) {
            // The sync parks the record on the first party it misses: the preview names that one.
            novaMed.wouldSend(exchange, List.of(cause.dependency().toString()));
            return;
        }
        if (!cause.waitable()) {
            deadLetter(exchange);
            return;
        }
        ledger.markParked(delivery.key(), cause.dependency(), cause.getMessage(),
                vault.seal(delivery.key(), delivery.source()));
        count(exchange, SyncOutcome.PARKED);
        LOG.infof("%s parked until %s is delivered", delivery.key(), cause.dependency());
    }

    /** The create may have happened: hold it for an operator instead of risking a second copy. */
    public void markInDoubt(Exchange exchange) {
        Delivery delivery = MedsyncExchange.delivery(exchange);
        DeliveryInDoubtException cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, DeliveryInDoubtException.class);
        if (DryRun.active(exchange)) {
            DryRun.of(exchange).refuse(delivery.key().toString(), cause.getMessage());
            return;
        }
        ledger.markInDoubt(delivery.key(), cause.getMessage(), cause.httpStatus());
        count(exchange, SyncOutcome.IN_DOUBT);
        LOG.warnf("%s in doubt: %s", delivery.key(), cause.getMessage());
    }

    /**
     * The partner is down: the record waits, pending (with its payload if it was sent), and goes out with a later
     * run; the run stops taking new records of the tenant. A record the partner keeps failing on its own while it
     * answers others is not an outage: after {@code max-isolated-attempts} it is dead-lettered like a refusal.
     */
    public void defer(Exchange exchange) {
        Delivery delivery = MedsyncExchange.delivery(exchange);
        PartnerUnavailableException cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT,
                PartnerUnavailableException.class);
        if (DryRun.active(exchange)) {
            DryRun.of(exchange).refuse(delivery.key().toString(), cause.getMessage());
            return;
        }
        boolean isolated = exchange.getProperty(NovaMedPushSteps.ISOLATED_FAILURE, false, Boolean.class);
        if (isolated && ledger.find(delivery.key()).map(LedgerEntry::attempts).orElse(0) >= maxIsolatedAttempts) {
            deadLetter(exchange);
            return;
        }
        ledger.release(delivery.key());
        count(exchange, SyncOutcome.DEFERRED);
        SyncRun run = exchange.getProperty(MedsyncExchange.RUN, SyncRun.class);
        if (run != null) {
            run.partnerUnavailable(delivery.key().tenantId(), cause.partner());
        }
        LOG.debugf("%s waits, pending: %s", delivery.key(), cause.getMessage());
    }

    /** Every record-level failure ends here: ledger state failed, a stored dead letter with the reason. */
    public void deadLetter(Exchange exchange) {
        Delivery delivery = MedsyncExchange.delivery(exchange);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Integer status = cause instanceof NovaMedRejectedException rejected ? rejected.httpStatus() : null;
        String reason = reasonOf(cause);
        if (DryRun.active(exchange)) {
            DryRun.of(exchange).refuse(delivery.key().toString(), reason);
            return;
        }
        String stage = stageOf(delivery, cause);
        SealedPayload payload = delivery.source() == null ? null : vault.seal(delivery.key(), delivery.source());
        long id = deadLetters.failRecord(ledger, delivery.key(), stage, reason, status, payload,
                exchange.getProperty(MedsyncExchange.REPLAY_OF, Long.class));
        count(exchange, SyncOutcome.FAILED);
        LOG.warnf("%s failed at %s, dead letter %d: %s", delivery.key(), stage, id, reason);
    }

    private void count(Exchange exchange, SyncOutcome outcome) {
        count(exchange, MedsyncExchange.delivery(exchange), outcome);
    }

    private void count(Exchange exchange, Delivery delivery, SyncOutcome outcome) {
        if (DryRun.active(exchange)) {
            return;
        }
        MedsyncExchange.count(exchange, delivery, outcome);
        metrics.record(delivery.key(), outcome);
    }

    static String stageOf(Delivery delivery, Exception cause) {
        if (delivery.problem() != null) {
            return "pull";
        }
        if (cause instanceof MappingException) {
            return "map";
        }
        if (cause instanceof UnresolvedDependencyException) {
            return "dependency";
        }
        if (cause instanceof NovaMedRejectedException || cause instanceof PartnerUnavailableException) {
            return "push";
        }
        return "unexpected";
    }

    /** Only our own exception types carry reasons known to be free of PHI; anything else is named by type. */
    static String reasonOf(Exception cause) {
        if (cause instanceof MappingException mapping) {
            return "mapping: " + mapping.reason();
        }
        if (cause instanceof NovaMedRejectedException || cause instanceof UnresolvedDependencyException
                || cause instanceof PartnerUnavailableException) {
            return cause.getMessage();
        }
        return "unexpected " + (cause == null ? "error" : typesAndOrigin(cause));
    }

    /**
     * The exception types down the cause chain and where the innermost one was thrown: enough to find the fault,
     * and free of PHI (no message is included).
     */
    static String typesAndOrigin(Throwable cause) {
        StringBuilder text = new StringBuilder(cause.getClass().getSimpleName());
        Throwable innermost = cause;
        for (int depth = 0; depth < 5 && innermost.getCause() != null && innermost.getCause() != innermost; depth++) {
            innermost = innermost.getCause();
            text.append(" <- ").append(innermost.getClass().getSimpleName());
        }
        StackTraceElement[] frames = innermost.getStackTrace();
        if (frames.length > 0) {
            text.append(" at ").append(frames[0].getClassName()).append('.').append(frames[0].getMethodName())
                    .append(':').append(frames[0].getLineNumber());
        }
        return text.toString();
    }
}
