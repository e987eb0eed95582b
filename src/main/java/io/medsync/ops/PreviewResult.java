package io.medsync.ops;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What medsync would send for a previewed document, and what it could not map. Nothing is stored or sent. */
@RegisterForReflection
public record PreviewResult(List<Payload> payloads, List<Problem> problems) {

    /**
     * One NovaMed request. {@code waitingFor} names the records whose NovaMed ids are not known yet (their fields
     * are null here; the sync parks the record until they are delivered). {@code ledgerState} is the record's state
     * in the ledger ({@code NEW} if never seen): a delivered record is not sent again.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Payload(String record, String method, String path, Object body,
            @JsonProperty("ledger_state") String ledgerState, @JsonProperty("waiting_for") List<String> waitingFor) {
    }

    @RegisterForReflection
    public record Problem(String record, String reason) {
    }
}
