package io.medsync.crypto;

/** TEMPORARY stub until the real class lands. */
public final class PayloadContext {
    private PayloadContext() {
    }

    public static String of(String tenantId, String sourceSystem, String resourceType, String sourceId) {
        return tenantId + "/" + sourceSystem.toLowerCase() + "/" + resourceType.toLowerCase() + "/" + sourceId;
    }
}
