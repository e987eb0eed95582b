package io.medsync.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * medsync's one Kafka producer (outbox events, dead-letter topics): idempotent with acks=all, so a retried send
 * neither duplicates nor reorders a partition, and a record counts as sent only once every in-sync replica has it.
 * Created on first use, so nothing connects while Kafka is off.
 */
@ApplicationScoped
public class KafkaPublisher {

    private final KafkaSettings settings;
    private KafkaProducer<String, byte[]> producer;

    KafkaPublisher(KafkaSettings settings) {
        this.settings = settings;
    }

    /** Sends the records in order and returns once all are acknowledged; throws if any is not. */
    public void sendAll(List<ProducerRecord<String, byte[]>> records) {
        KafkaProducer<String, byte[]> p = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        try {
            for (ProducerRecord<String, byte[]> r : records) {
                acks.add(p.send(r));
            }
            p.flush();
        } catch (KafkaException e) {
            throw new KafkaPublishException("Kafka did not take a record: " + e.getClass().getSimpleName(), e);
        }
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaPublishException("interrupted while waiting for Kafka", e);
        } catch (ExecutionException e) {
            throw new KafkaPublishException("Kafka did not acknowledge a record: "
                    + e.getCause().getClass().getSimpleName(), e.getCause());
        }
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties props = settings.clientProperties();
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.CLIENT_ID_CONFIG, settings.groupId() + "-publisher");
            // Bounded waits: a missing topic or an unreachable broker fails a send within seconds, not a minute.
            KafkaSettings.Producer bounds = settings.producer();
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, bounds.maxBlock().toMillis());
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) bounds.requestTimeout().toMillis());
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) bounds.deliveryTimeout().toMillis());
            producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close();
        }
    }

    /** Kafka did not take a record: the caller keeps it (outbox row, uncommitted offset) and tries again. */
    public static final class KafkaPublishException extends RuntimeException {
        KafkaPublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
