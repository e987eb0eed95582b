package io.medsync.kafka;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One kind of request medsync takes from a Kafka topic. {@link KafkaIntake} does what every kind shares (JSON,
 * version, dead letters, dead-letter topic, manual commit); a new kind (refill requests, say) is one more
 * implementation with its own topic, and a consumer route is created for it.
 *
 * @param <R> the validated request
 */
public interface InboundRequestType<R> {

    /** Names the kind in route ids, logs and headers, e.g. {@code sync-requests}. */
    String name();

    String topic();

    /** Where records that cannot be read go, with the reason in headers. */
    String deadLetterTopic();

    /**
     * Validates a version-1 request object.
     *
     * @throws PoisonRecordException naming the field and the rule it breaks
     */
    R parse(JsonNode request);

    /**
     * Acts on a valid request and returns once the ledger has recorded the outcome. Anything thrown is taken as
     * transient (ledger or source unreachable) and the request is tried again; the offset is not committed before.
     */
    void handle(R request);
}
