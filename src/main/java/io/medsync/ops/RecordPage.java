package io.medsync.ops;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A page of the record browser. {@code payloads} (by record id) only with {@code include_payload=true}: the stored
 * source records of those still holding one (parked, in doubt), which is PHI.
 *
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordPage(List<LedgerRecordView> records, Map<Long, JsonNode> payloads,
        @JsonProperty("next_cursor") Long nextCursor) {
}
