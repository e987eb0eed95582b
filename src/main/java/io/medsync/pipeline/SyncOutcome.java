package io.medsync.pipeline;

/** The columns of the run summary. */
public enum SyncOutcome {
    PULLED, CREATED, UNCHANGED, DRIFTED, FAILED;

    public String label() {
        return name().toLowerCase();
    }
}
