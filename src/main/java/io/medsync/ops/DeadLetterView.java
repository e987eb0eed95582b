package io.medsync.ops;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.medsync.ledger.DeadLetter;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A dead letter as the ops API shows it; the payload only when asked for. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetterView(
        long id,
        String tenant,
        String source,
        String resource,
        @JsonProperty("source_id") String sourceId,
        String stage,
        String reason,
        @JsonProperty("http_status") Integer httpStatus,
        int attempts,
        String status,
        @JsonProperty("replay_of") Long replayOf,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("closed_at") Instant closedAt,
        JsonNode payload) {

    static DeadLetterView of(DeadLetter d, JsonNode payload) {
        return new DeadLetterView(d.id(), d.key().tenantId(), d.key().sourceSystem().label(),
                d.key().resourceType().label(), d.key().sourceId(), d.stage(), d.reason(), d.httpStatus(),
                d.attempts(), d.status().name().toLowerCase(), d.replayOf(), d.createdAt(), d.closedAt(), payload);
    }
}
