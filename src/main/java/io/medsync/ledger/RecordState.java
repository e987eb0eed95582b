package io.medsync.ledger;

/** pending → in flight → delivered | in doubt | failed; delivered → drifted when the source changes later. */
public enum RecordState {
    PENDING, IN_FLIGHT, DELIVERED, IN_DOUBT, FAILED, DRIFTED
}
