package io.medsync.pipeline;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.medsync.ledger.DeadLetter;
import io.medsync.ledger.DeadLetterFilter;
import io.medsync.ledger.DeadLetterStore;
import io.medsync.ledger.RecordState;
import io.medsync.ledger.WebhookInboxRoutes;
import io.medsync.crypto.SealedPayload;

/**
 * Replays dead letters through the whole pipeline. The dead letter is closed as replayed; if the record fails again
 * a new dead letter links back to it. Replaying a record NovaMed already has does nothing.
 */
@ApplicationScoped
public class DeadLetterReplay {

    private static final Logger LOG = Logger.getLogger(DeadLetterReplay.class);

    /** What one replay did. {@code outcome} is the record's ledger state afterwards. */
    public record Replayed(long deadLetterId, String recordKey, RecordState outcome) {
    }

    private final DeadLetterStore deadLetters;
    private final Redelivery redelivery;
    private final Instance<WebhookInboxRoutes> webhookInboxes;

    DeadLetterReplay(DeadLetterStore deadLetters, Redelivery redelivery, Instance<WebhookInboxRoutes> webhookInboxes) {
        this.deadLetters = deadLetters;
        this.redelivery = redelivery;
        this.webhookInboxes = webhookInboxes;
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
        RecordState outcome = redelivery.redeliver(letter.key(), payload, letter.id());
        deadLetters.close(letter.id(), DeadLetter.Status.REPLAYED);
        LOG.infof("dead letter %d replayed: %s is now %s", letter.id(), letter.key(), outcome);
        return new Replayed(letter.id(), letter.key().toString(), outcome);
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
        return new Replayed(letter.id(), letter.key().toString(), RecordState.PENDING);
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
                outcomes.merge(replay(letter).outcome(), 1, Integer::sum);
            } catch (IllegalStateException e) {
                LOG.warnf("dead letter %d not replayed: %s", letter.id(), e.getMessage());
            }
        }
        return outcomes;
    }
}
