package io.medsync.ledger;

/** The kind of source record; its NovaMed counterpart is fixed by the pipeline that handles it. */
public enum ResourceType {
    PROVIDER, PATIENT, APPOINTMENT, MEDICATION_ORDER,
    /** A request from an inbound Kafka topic (sync, refill): dead letters of unreadable requests carry it. */
    REQUEST,
    /** A refill of a delivered medication order, keyed by the requester's own request id. */
    REFILL;

    public String label() {
        return name().toLowerCase();
    }
}
