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

    Producer producer();

    /**
     * Create the configured topics that are missing, at start-up, with {@link #topicPartitions} and
     * {@link #topicReplication}. Off: missing topics are named in the log once and readiness is DOWN until they exist.
     */
    @WithDefault("false")
    boolean createTopics();

    /** Partitions of a topic medsync creates; empty: the broker's default. */
    Optional<Integer> topicPartitions();

    /** Replication factor of a topic medsync creates; empty: the broker's default. */
    Optional<Short> topicReplication();

    /** While the broker cannot be reached (or a topic is missing), how often the log says it is still so. */
    @WithDefault("PT5M")
    Duration outageSummaryInterval();

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

        /**
         * A consumer that stops heartbeating (crashed, killed) loses its partitions to the rest of the group after
         * this long: it bounds how long its partitions wait. Within the broker's group.min/max.session.timeout.ms.
         */
        @WithDefault("PT10S")
        Duration sessionTimeout();

        /** At most a third of the session timeout. */
        @WithDefault("PT3S")
        Duration heartbeatInterval();

        /** A consumer that takes longer than this between polls (a stuck batch) leaves the group. */
        @WithDefault("PT5M")
        Duration maxPollInterval();
    }

    /**
     * The publisher's bounds: how long a send may wait for metadata (a missing topic, an unreachable broker) and how
     * long a record may take to be acknowledged, so the outbox drain never holds a thread for a minute.
     */
    interface Producer {
        @WithDefault("PT5S")
        Duration maxBlock();

        @WithDefault("PT5S")
        Duration requestTimeout();

        /** At least the request timeout (Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms). */
        @WithDefault("PT10S")
        Duration deliveryTimeout();
    }

    interface Outbox {
        @WithDefault("PT1S")
        Duration drainInterval();

        @WithDefault("500")
        int batchSize();

        /** While Kafka does not take events, tries are spaced out, doubling from drain-interval up to this. */
        @WithDefault("PT10S")
        Duration maxBackoff();

        /** Published rows older than this are deleted. */
        @WithDefault("P1D")
        Duration retention();
    }

    /** Every topic medsync reads or writes, as configured. */
    default java.util.List<String> allTopics() {
        Topics t = topics();
        return java.util.List.of(t.syncRequests(), t.syncRequestsDlq(), t.refillRequests(), t.refillRequestsDlq(),
                t.outcomes(), t.appointmentEvents(), t.deadLetters(), t.orderEvents());
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
