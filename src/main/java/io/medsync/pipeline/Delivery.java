package io.medsync.pipeline;

import io.medsync.ledger.RecordKey;
import io.medsync.tenant.Tenant;

/**
 * A source record on its way to NovaMed: the body of every per-record step. {@code command} is the NovaMed request
 * once mapped; {@code problem} is set when the source item could not even be read ({@code source} then holds
 * the raw item).
 */
public record Delivery(Tenant tenant, RecordKey key, String contentHash, Object source, Object command, String problem) {

    public static Delivery of(Tenant tenant, RecordKey key, String contentHash, Object source) {
        return new Delivery(tenant, key, contentHash, source, null, null);
    }

    /** {@code raw} is the item as received, kept so a dead letter can be replayed once the cause is fixed. */
    public static Delivery malformed(Tenant tenant, RecordKey key, String problem, Object raw) {
        return new Delivery(tenant, key, "malformed", raw, null, problem);
    }

    public Delivery withCommand(Object mapped) {
        return new Delivery(tenant, key, contentHash, source, mapped, problem);
    }

    public <T> T sourceAs(Class<T> type) {
        return type.cast(source);
    }

    public <T> T commandAs(Class<T> type) {
        return type.cast(command);
    }

    @Override
    public String toString() {
        return "Delivery[" + key + "]";
    }
}
