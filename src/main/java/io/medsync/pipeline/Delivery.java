package io.medsync.pipeline;

import io.medsync.ledger.RecordKey;
import io.medsync.tenant.Tenant;

/**
 * A source record on its way to NovaMed: the body of every per-record step. {@code command} is the NovaMed request
 * once mapped; {@code problem} is set when the source item could not even be read.
 */
public record Delivery(Tenant tenant, RecordKey key, String contentHash, Object source, Object command, String problem) {

    public static Delivery of(Tenant tenant, RecordKey key, String contentHash, Object source) {
        return new Delivery(tenant, key, contentHash, source, null, null);
    }

    public static Delivery malformed(Tenant tenant, RecordKey key, String problem) {
        return new Delivery(tenant, key, "malformed", null, null, problem);
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
