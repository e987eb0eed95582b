package io.medsync.pipeline;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

import io.medsync.crypto.SealedPayload;
import io.medsync.ledger.DeadLetter;
import io.medsync.ledger.DeadLetterFilter;
import io.medsync.ledger.DeadLetterStore;
import io.medsync.ledger.Ledger;
import io.medsync.ledger.LedgerEntry;
import io.medsync.ledger.PayloadVault;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.RecordState;
import io.medsync.ledger.WebhookInboxRoutes;
import io.medsync.tenant.TenantRegistry;

/**
 * Replays dead letters through the whole pipeline. A source record is read from its source again (fixed there,
 * perhaps), and only when the source cannot serve it is the payload stored with the dead letter sent instead; the
 * result says which. The dead letter is closed as replayed; if the record fails again a new dead letter links back to
 * it. Replaying a record NovaMed already has does nothing. A delivered record's open dead letters are closed (as
 * resolved) by the delivery route itself, whatever delivered it.
 */
@ApplicationScoped
public class DeadLetterReplay {

    private static final Logger LOG = Logger.getLogger(DeadLetterReplay.class);
    /** {@link Replayed#readFrom()} of a record read from its source again. */
    public static final String FROM_SOURCE = "source";

    /**
     * What one replay did. {@code outcome} is the record's ledger state afterwards; {@code readFrom} says what was
     * sent: {@value #FROM_SOURCE} (read again), or "stored payload" and why the source was not read.
     */
    public record Replayed(long deadLetterId, String recordKey, RecordState outcome, String readFrom) {
    }

    private final DeadLetterStore deadLetters;
    private final Redelivery redelivery;
    private final Instance<WebhookInboxRoutes> webhookInboxes;
    private final Instance<SourceReread> sources;
    private final Ledger ledger;
    private final PayloadVault vault;
    private final RecordKinds kinds;
    private final TenantRegistry tenants;

    DeadLetterReplay(DeadLetterStore deadLetters, Redelivery redelivery, Instance<WebhookInboxRoutes> webhookInboxes,
            Instance<SourceReread> sources, Ledger ledger, PayloadVault vault, RecordKinds kinds,
            TenantRegistry tenants) {
        this.deadLetters = deadLetters;
        this.redelivery = redelivery;
        this.webhookInboxes = webhookInboxes;
        this.sources = sources;
        this.ledger = ledger;
        this.vault = vault;
        this.kinds = kinds;
        this.tenants = tenants;
    }

    /** @throws IllegalStateException when the dead letter is not open or has no payload */
    public Replayed replay(DeadLetter letter) {
        if (letter.status() != DeadLetter.Status.OPEN) {
            throw new IllegalStateException("dead letter " + letter.id() + " is " + letter.status().name().toLowerCase());
        }
        if (WebhookInboxRoutes.STAGE.equals(letter.stage())) {
            return requeueWebhookEvent(letter);
        }
        SealedPayload payload = deadLetters.payload(letter.id()).orElseThrow(
                () -> new IllegalStateException("dead letter " + letter.id() + " has no stored payload to replay"));
        Optional<RecordState> current = ledger.find(letter.key()).map(LedgerEntry::state);
        String readFrom = "stored payload";
        RecordState outcome;
        if (current.isPresent() && (current.get() == RecordState.DELIVERED || current.get() == RecordState.DRIFTED)) {
            // NovaMed has it already (a later sync delivered it): nothing is sent, nothing is read.
            outcome = current.get();
        } else {
            Optional<String> unread = rereadFromSource(letter, payload);
            if (unread.isEmpty()) {
                readFrom = FROM_SOURCE;
                outcome = ledger.find(letter.key()).map(LedgerEntry::state).orElse(RecordState.PENDING);
            } else {
                readFrom = "stored payload (" + unread.get() + ")";
                outcome = redelivery.redeliver(letter.key(), payload, letter.id());
            }
        }
        deadLetters.close(letter.id(), DeadLetter.Status.REPLAYED);
        LOG.infof("dead letter %d replayed from the %s: %s is now %s", letter.id(),
                FROM_SOURCE.equals(readFrom) ? "source" : "stored payload", letter.key(), outcome);
        return new Replayed(letter.id(), letter.key().toString(), outcome, readFrom);
    }

    /** Empty when the record was read from its source again and sent; else why not. */
    private Optional<String> rereadFromSource(DeadLetter letter, SealedPayload payload) {
        RecordKey key = letter.key();
        Optional<SourceReread> source = sources.stream().filter(s -> s.source() == key.sourceSystem()).findFirst();
        if (source.isEmpty()) {
            return Optional.of(key.sourceSystem().label() + " records are not read again");
        }
        Delivery stored = kinds.toDelivery(tenants.get(key.tenantId()), key, vault.open(key, payload));
        if (ledger.find(key).isPresent()) {
            ledger.release(key);
        }
        try {
            // A stored item that did not even read is re-read by its key alone.
            return source.get().reread(stored.tenant(), key, stored.problem() == null ? stored.source() : null,
                    letter.id());
        } catch (RuntimeException e) {
            return Optional.of(key.sourceSystem().label() + " could not be read (" + e.getClass().getSimpleName()
                    + ")");
        }
    }

    /**
     * A webhook event given up on keeps only ids, no payload: replaying it puts the event back into its partner's
     * inbox, and the inbox's next sweep runs it through the pipeline again (the record is pending until then).
     */
    private Replayed requeueWebhookEvent(DeadLetter letter) {
        boolean requeued = webhookInboxes.stream().anyMatch(inbox -> inbox.requeue(letter));
        if (!requeued) {
            throw new IllegalStateException("dead letter " + letter.id() + ": its webhook event is no longer in the inbox");
        }
        deadLetters.close(letter.id(), DeadLetter.Status.REPLAYED);
        LOG.infof("dead letter %d replayed: the webhook event of %s is back in its inbox", letter.id(), letter.key());
        return new Replayed(letter.id(), letter.key().toString(), RecordState.PENDING, "webhook inbox");
    }

    public Optional<Replayed> replay(long id) {
        return deadLetters.find(id).map(this::replay);
    }

    /** Replays every open dead letter the filter selects; returns the ledger states they ended in. */
    public Map<RecordState, Integer> replayAll(DeadLetterFilter filter) {
        Map<RecordState, Integer> outcomes = new EnumMap<>(RecordState.class);
        for (DeadLetter letter : deadLetters.list(new DeadLetterFilter(filter.tenantId(), filter.stage(),
                DeadLetter.Status.OPEN, filter.since(), filter.until(), filter.limit()))) {
            try {
                // An earlier replay of this batch may have delivered the record and closed this letter (resolved).
                Optional<DeadLetter> still = deadLetters.find(letter.id())
                        .filter(l -> l.status() == DeadLetter.Status.OPEN);
                if (still.isPresent()) {
                    outcomes.merge(replay(still.get()).outcome(), 1, Integer::sum);
                }
            } catch (IllegalStateException e) {
                LOG.warnf("dead letter %d not replayed: %s", letter.id(), e.getMessage());
            }
        }
        return outcomes;
    }

    /** Delivery route step: a delivered record has nothing left to replay, its open dead letters are closed. */
    public void closeDeadLettersOfDelivered(Exchange exchange) {
        if (DryRun.active(exchange)) {
            return;
        }
        RecordKey key = MedsyncExchange.delivery(exchange).key();
        Long replayed = exchange.getProperty(MedsyncExchange.REPLAY_OF, Long.class);
        int closed = deadLetters.resolve(key, replayed);
        if (closed > 0) {
            LOG.infof("%s delivered: %d open dead letter(s) closed as resolved", key, closed);
        }
    }
}
