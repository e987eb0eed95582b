package io.medsync.crypto;

import java.util.Locale;

/**
 * The associated data a payload is sealed with: the record key {@code tenant/source/resource/id}. Binding the
 * ciphertext to its row means a payload copied onto another row fails to open instead of leaking into it.
 */
public final class PayloadContext {

    private PayloadContext() {
    }

    /** From the row's columns; source system and resource type are stored as upper-case enum names. */
    public static String of(String tenantId, String sourceSystem, String resourceType, String sourceId) {
        return tenantId + "/" + sourceSystem.toLowerCase(Locale.ROOT) + "/" + resourceType.toLowerCase(Locale.ROOT)
                + "/" + sourceId;
    }

    /** A NextGen OAuth token of one patient's enrolment; {@code kind} is access or refresh. */
    public static String nextGenToken(String tenantId, String patientId, String kind) {
        return "nextgen-token/" + tenantId + "/" + patientId + "/" + kind;
    }

    /** The tracking URL of a NovaMed shipment event (dedupe key: event name + event key). */
    public static String novaMedTracking(String eventName, String eventKey) {
        return "novamed-event/" + eventName + "/" + eventKey + "/tracking_url";
    }
}
