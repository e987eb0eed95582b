package io.medsync.pipeline;

/** The columns of the run summary. */
public enum SyncOutcome {
    PULLED,
    /** Records NovaMed created in this run. */
    CREATED,
    /**
     * Delivered without a create: NovaMed answered the first request "already exists" (a second source practitioner
     * with a known NPI, a patient NovaMed had, a resend after a crash), and the record was linked to what it held. A
     * create resent in the same call after a lost answer is counted created: its first attempt created the record.
     */
    LINKED,
    UNCHANGED,
    /** Failed, parked or in doubt before this run and unchanged since: not sent again, and not fixed either. */
    STILL_FAILED,
    DRIFTED, FAILED, PARKED, IN_DOUBT,
    /** Not sent because the partner was unavailable: left pending for a later run. */
    DEFERRED,
    /** Create requests sent to NovaMed (a create's own retries count once): 0 on a re-sync of unchanged data. */
    NOVAMED_CALLS;

    public String label() {
        return name().toLowerCase();
    }

    /** True for the outcomes that settle a pulled record (every column but pulled and the NovaMed calls). */
    public boolean settlesARecord() {
        return this != PULLED && this != NOVAMED_CALLS;
    }
}
