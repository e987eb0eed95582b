package io.medsync.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import io.medsync.ledger.LedgerException;
import io.medsync.ledger.Outbox;

/**
 * Publishes the outbox in commit order: a batch is sent, acknowledged by Kafka, then marked published. A crash in
 * between publishes the batch again on the next run (at least once; consumers dedupe on the event's record key and
 * state). Published rows older than the retention are pruned. While Kafka does not take the events (broker down,
 * topic missing) the drain backs off (doubling up to {@code medsync.kafka.outbox.max-backoff}) and says so as state
 * changes ({@link KafkaOutageLog}), not once a try. While the ledger database is down it waits the same way and
 * says so once.
 */
@ApplicationScoped
@Named("outboxDrainer")
public class OutboxDrainer {

    private static final Logger LOG = Logger.getLogger(OutboxDrainer.class);

    private final Outbox outbox;
    private final KafkaPublisher publisher;
    private final KafkaSettings settings;
    private final KafkaTopics topics;
    private final KafkaOutageLog outage;
    private Duration backoff = Duration.ZERO;
    private Instant nextTry = Instant.MIN;
    private boolean storeDown;

    OutboxDrainer(Outbox outbox, KafkaPublisher publisher, KafkaSettings settings, KafkaTopics topics,
            KafkaOutageLog outage) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.settings = settings;
        this.topics = topics;
        this.outage = outage;
    }

    /** @return how many events were published (0 while backing off from a failed try) */
    public synchronized int drain() {
        if (Instant.now().isBefore(nextTry)) {
            return 0;
        }
        try {
            int published = publishPending();
            outage.succeeded();
            if (storeDown) {
                storeDown = false;
                LOG.info("Kafka outbox: the ledger database answers again, publishing resumes");
            }
            backoff = Duration.ZERO;
            return published;
        } catch (KafkaPublisher.KafkaPublishException e) {
            outage.failed(problem());
            return backOff();
        } catch (LedgerException e) {
            String why = LedgerException.storeOutage(e).orElseThrow(() -> e);
            if (!storeDown) {
                storeDown = true;
                LOG.warnf("Kafka outbox: ledger database unavailable (%s), publishing waits for it", why);
            }
            return backOff();
        }
    }

    private int backOff() {
        Duration doubled = backoff.isZero() ? settings.outbox().drainInterval() : backoff.multipliedBy(2);
        backoff = doubled.compareTo(settings.outbox().maxBackoff()) > 0 ? settings.outbox().maxBackoff() : doubled;
        nextTry = Instant.now().plus(backoff);
        return 0;
    }

    /** Why Kafka did not take the events, as an operator would put it: which topics are missing, or no broker. */
    private String problem() {
        try {
            List<String> missing = topics.missing();
            return missing.isEmpty() ? "publishing failed (the broker did not acknowledge in time)"
                    : "cannot publish, topic(s) missing: " + String.join(", ", missing);
        } catch (KafkaTopics.KafkaUnreachableException e) {
            return "broker unreachable";
        }
    }

    private int publishPending() {
        int published = 0;
        List<Outbox.Pending> batch;
        do {
            batch = outbox.unpublished(settings.outbox().batchSize());
            if (batch.isEmpty()) {
                break;
            }
            publisher.sendAll(batch.stream().map(this::toRecord).toList());
            outbox.markPublished(batch.stream().map(Outbox.Pending::id).toList(), Instant.now());
            published += batch.size();
        } while (batch.size() == settings.outbox().batchSize());
        int pruned = outbox.prunePublishedBefore(Instant.now().minus(settings.outbox().retention()));
        if (published > 0 || pruned > 0) {
            LOG.debugf("Kafka outbox: %d event(s) published, %d pruned", published, pruned);
        }
        return published;
    }

    private ProducerRecord<String, byte[]> toRecord(Outbox.Pending event) {
        return new ProducerRecord<>(topic(event.kind()), event.key(), event.payload().getBytes(StandardCharsets.UTF_8));
    }

    private String topic(Outbox.Kind kind) {
        return switch (kind) {
            case OUTCOME -> settings.topics().outcomes();
            case APPOINTMENT -> settings.topics().appointmentEvents();
            case DEAD_LETTER -> settings.topics().deadLetters();
            case NOVAMED_EVENT -> settings.topics().orderEvents();
        };
    }
}
