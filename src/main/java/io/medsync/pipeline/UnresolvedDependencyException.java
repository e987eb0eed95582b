package io.medsync.pipeline;

import io.medsync.ledger.RecordKey;

/**
 * A record needs another record (its practitioner) that NovaMed does not have. With a {@code dependency} the record
 * is parked until that dependency is delivered; without one (nothing to wait for) it is dead-lettered.
 */
public class UnresolvedDependencyException extends RuntimeException {

    private final transient RecordKey dependency;

    public UnresolvedDependencyException(String message, RecordKey dependency) {
        super(message, null, false, false);
        this.dependency = dependency;
    }

    /** Null when there is nothing to wait for. */
    public RecordKey dependency() {
        return dependency;
    }
}
