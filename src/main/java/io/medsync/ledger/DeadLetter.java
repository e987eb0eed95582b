package io.medsync.ledger;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A record that could not be delivered, stored with the reason so that an operator can see it, fix the cause
 * and replay it. {@code replayOf} links a replay's failure to the dead letter it replayed.
 */
@RegisterForReflection
public record DeadLetter(
        long id,
        RecordKey key,
        String stage,
        String reason,
        Integer httpStatus,
        int attempts,
        Status status,
        Long replayOf,
        Instant createdAt,
        Instant closedAt) {

    public enum Status {
        /** Waiting for an operator. */
        OPEN,
        /** Sent through the pipeline again; the outcome is in the ledger (and in a new dead letter if it failed). */
        REPLAYED,
        /** Dropped by an operator. */
        DISCARDED,
        /** The record was delivered after all (a later sync, release or replay): nothing left to do. */
        RESOLVED,
        /** A later failure of the same record replaced it: a record has at most one open dead letter. */
        SUPERSEDED
    }
}
