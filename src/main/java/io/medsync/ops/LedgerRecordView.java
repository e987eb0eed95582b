package io.medsync.ops;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.medsync.ledger.LedgerEntry;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A ledger row as the ops API shows it: ids, state and reason; never the payload. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LedgerRecordView(
        long id,
        String tenant,
        String source,
        String resource,
        @JsonProperty("source_id") String sourceId,
        String state,
        @JsonProperty("novamed_id") String novaMedId,
        int attempts,
        @JsonProperty("last_error") String lastError,
        @JsonProperty("last_http_status") Integer lastHttpStatus,
        @JsonProperty("blocked_on") String blockedOn,
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("suggested_novamed_id") String suggestedNovaMedId,
        Suggestion suggestion) {

    /**
     * A NovaMed webhook about an order we hold no NovaMed id for, sent for the same patient and practitioner as this
     * in-doubt order: most likely its create did reach NovaMed. The operator confirms with
     * {@code POST /ops/in-doubt/{id}/delivered}.
     */
    @RegisterForReflection
    public record Suggestion(String event, @JsonProperty("event_id") long eventId,
            @JsonProperty("received_at") Instant receivedAt) {
    }

    static LedgerRecordView of(LedgerEntry e) {
        return new LedgerRecordView(e.id(), e.key().tenantId(), e.key().sourceSystem().label(),
                e.key().resourceType().label(), e.key().sourceId(), e.state().name().toLowerCase(), e.novaMedId(),
                e.attempts(), e.lastError(), e.lastHttpStatus(), e.blockedOn(), e.updatedAt(), null, null);
    }

    LedgerRecordView withSuggestion(String novaMedId, Suggestion why) {
        return new LedgerRecordView(id, tenant, source, resource, sourceId, state, this.novaMedId, attempts,
                lastError, lastHttpStatus, blockedOn, updatedAt, novaMedId, why);
    }
}
