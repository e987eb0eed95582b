package io.medsync.ledger;

/** Identifies a source record across the ledger, logs and dead letters. Carries ids only, never PHI. */
public record RecordKey(String tenantId, SourceSystem sourceSystem, ResourceType resourceType, String sourceId) {

    @Override
    public String toString() {
        return tenantId + "/" + sourceSystem.label() + "/" + resourceType.label() + "/" + sourceId;
    }
}
