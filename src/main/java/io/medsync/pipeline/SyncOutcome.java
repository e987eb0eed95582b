package io.medsync.pipeline;

/** The columns of the run summary. */
public enum SyncOutcome {
    PULLED, CREATED, UNCHANGED, DRIFTED, FAILED, PARKED, IN_DOUBT;

    public String label() {
        return name().toLowerCase();
    }
}
