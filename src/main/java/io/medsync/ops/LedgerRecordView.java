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
        @JsonProperty("updated_at") Instant updatedAt) {

    static LedgerRecordView of(LedgerEntry e) {
        return new LedgerRecordView(e.id(), e.key().tenantId(), e.key().sourceSystem().label(),
                e.key().resourceType().label(), e.key().sourceId(), e.state().name().toLowerCase(), e.novaMedId(),
                e.attempts(), e.lastError(), e.lastHttpStatus(), e.blockedOn(), e.updatedAt());
    }
}
