package io.medsync.ledger;

/** What the ledger says about a source record just pulled. */
public enum Verdict {
    /** Never seen: deliver it. */
    NEW,
    /** Seen before but not delivered (failed, or interrupted) and worth another attempt. */
    RETRY,
    /** Same content as before: nothing to do. */
    UNCHANGED,
    /**
     * Same content as before, and not delivered: failed, parked or in doubt, waiting for a fix, its dependency or an
     * operator. Nothing to send, but reported apart from {@link #UNCHANGED} so nobody takes it for fixed.
     */
    UNRESOLVED,
    /** Delivered earlier and changed since: NovaMed cannot update, so it is reported, never re-sent. */
    DRIFTED
}
