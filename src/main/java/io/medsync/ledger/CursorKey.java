package io.medsync.ledger;

/** One incremental pull: a tenant's resource from a source, within a scope such as {@code location:demo-dental:101}. */
public record CursorKey(String tenantId, SourceSystem sourceSystem, ResourceType resourceType, String scope) {

    @Override
    public String toString() {
        return tenantId + "/" + sourceSystem.label() + "/" + resourceType.label() + "/" + scope;
    }
}
