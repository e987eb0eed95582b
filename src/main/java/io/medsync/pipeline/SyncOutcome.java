package io.medsync.pipeline;

/** The columns of the run summary. */
public enum SyncOutcome {
    PULLED, CREATED, UNCHANGED, DRIFTED, FAILED, PARKED, IN_DOUBT,
    /** Not sent because the partner was unavailable: left pending for a later run. */
    DEFERRED;

    public String label() {
        return name().toLowerCase();
    }
}
