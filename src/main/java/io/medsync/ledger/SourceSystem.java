package io.medsync.ledger;

public enum SourceSystem {
    NEXHEALTH, NEXTGEN,
    /** An inbound Kafka topic: only dead letters of records that could not be read carry it. */
    KAFKA,
    /** NovaMed's webhooks: only dead letters of events that could not be processed carry it. */
    NOVAMED;

    public String label() {
        return name().toLowerCase();
    }
}
