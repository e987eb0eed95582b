package io.medsync.pipeline;

/** A record needs another record (e.g. its practitioner) that NovaMed does not have yet. */
public class UnresolvedDependencyException extends RuntimeException {

    public UnresolvedDependencyException(String message) {
        super(message, null, false, false);
    }
}
