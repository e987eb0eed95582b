package io.medsync.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import io.medsync.ledger.Outbox;

/**
 * Publishes the outbox in commit order: a batch is sent, acknowledged by Kafka, then marked published. A crash in
 * between publishes the batch again on the next run (at least once; consumers dedupe on the event's record key and
 * state). Published rows older than the retention are pruned.
 */
@ApplicationScoped
@Named("outboxDrainer")
public class OutboxDrainer {

    private static final Logger LOG = Logger.getLogger(OutboxDrainer.class);

    private final Outbox outbox;
    private final KafkaPublisher publisher;
    private final KafkaSettings settings;

    OutboxDrainer(Outbox outbox, KafkaPublisher publisher, KafkaSettings settings) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.settings = settings;
    }

    /** @return how many events were published */
    public int drain() {
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
