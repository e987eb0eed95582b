package io.medsync.ledger;

/**
 * pending → in flight → delivered | in doubt | failed; delivered → drifted when the source changes later.
 * parked: waiting for a dependency (e.g. its practitioner) to reach NovaMed; released automatically when it does.
 */
public enum RecordState {
    PENDING, IN_FLIGHT, DELIVERED, IN_DOUBT, FAILED, DRIFTED, PARKED
}
