package io.medsync.ledger;

public enum SourceSystem {
    NEXHEALTH, NEXTGEN,
    /** An inbound Kafka topic: only dead letters of records that could not be read carry it. */
    KAFKA;

    public String label() {
        return name().toLowerCase();
    }
}
