package io.medsync.kafka;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Kafka settings ({@code medsync.kafka.*}). Without a bootstrap address Kafka is off: no route consumes, nothing
 * connects, the outbox is not written.
 */
@ConfigMapping(prefix = "medsync.kafka")
public interface KafkaSettings {

    /** host:port[,host:port]; empty switches Kafka off. */
    Optional<String> bootstrapServers();

    default boolean enabled() {
        return bootstrapServers().filter(s -> !s.isBlank()).isPresent();
    }

    Topics topics();

    @WithDefault("medsync")
    String groupId();

    Consumer consumer();

    Outbox outbox();

    /** How long the readiness check waits for the broker to answer. */
    @WithDefault("PT3S")
    Duration healthTimeout();

    /** PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL. */
    @WithDefault("PLAINTEXT")
    String securityProtocol();

    /** e.g. PLAIN, SCRAM-SHA-512; only read with a SASL protocol. */
    Optional<String> saslMechanism();

    /** The JAAS line with the credentials: from the environment only (MEDSYNC_KAFKA_SASL_JAAS_CONFIG). */
    Optional<String> saslJaasConfig();

    interface Topics {
        @WithDefault("medsync.sync-requests")
        String syncRequests();

        @WithDefault("medsync.sync-requests.dlq")
        String syncRequestsDlq();

        @WithDefault("medsync.refill-requests")
        String refillRequests();

        @WithDefault("medsync.refill-requests.dlq")
        String refillRequestsDlq();

        @WithDefault("medsync.outcomes")
        String outcomes();

        @WithDefault("medsync.appointment-events")
        String appointmentEvents();

        @WithDefault("medsync.dead-letters")
        String deadLetters();

        /** Processed NovaMed webhook events (order status, shipment, practitioner activation). */
        @WithDefault("medsync.order-events")
        String orderEvents();
    }

    interface Consumer {
        @WithDefault("100")
        int maxPollRecords();

        /** Where a new consumer group starts: earliest, so requests produced before the first start are served. */
        @WithDefault("earliest")
        String autoOffsetReset();

        @WithDefault("1")
        int consumersCount();

        /** Backoff between attempts at a request whose sync failed for a reason other than the request itself. */
        @WithDefault("PT0.5S")
        Duration retryInitialDelay();

        @WithDefault("PT30S")
        Duration retryMaxDelay();
    }

    interface Outbox {
        @WithDefault("PT1S")
        Duration drainInterval();

        @WithDefault("500")
        int batchSize();

        /** Published rows older than this are deleted. */
        @WithDefault("P1D")
        Duration retention();
    }

    /** Connection and security settings every Kafka client of ours shares (admin, producer). */
    default Properties clientProperties() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers().orElseThrow());
        props.put("security.protocol", securityProtocol());
        saslMechanism().ifPresent(m -> props.put("sasl.mechanism", m));
        saslJaasConfig().ifPresent(j -> props.put("sasl.jaas.config", j));
        return props;
    }
}
