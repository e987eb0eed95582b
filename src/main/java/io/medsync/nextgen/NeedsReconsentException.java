package io.medsync.nextgen;

/** The patient's grant is gone (never given, revoked, or expired): nothing is read for them until they consent. */
public class NeedsReconsentException extends RuntimeException {

    public NeedsReconsentException(String message) {
        super(message, null, false, false);
    }
}
