package io.medsync.pipeline;

import io.medsync.ledger.RecordKey;

/**
 * A record needs another record (its practitioner) that NovaMed does not have. With a {@code dependency} the record
 * is parked until that dependency is delivered; without one (nothing to wait for) it is dead-lettered.
 */
public class UnresolvedDependencyException extends RuntimeException {

    private final transient RecordKey dependency;
    private final boolean waitable;

    public UnresolvedDependencyException(String message, RecordKey dependency) {
        this(message, dependency, dependency != null);
    }

    /** {@code waitable} false: the dependency is known but nothing suggests it will ever arrive (dead letter). */
    public UnresolvedDependencyException(String message, RecordKey dependency, boolean waitable) {
        super(message, null, false, false);
        this.dependency = dependency;
        this.waitable = waitable && dependency != null;
    }

    /** The record this one needs; null when it names none. */
    public RecordKey dependency() {
        return dependency;
    }

    /** Whether to park until the dependency is delivered (else the record is dead-lettered). */
    public boolean waitable() {
        return waitable;
    }
}
