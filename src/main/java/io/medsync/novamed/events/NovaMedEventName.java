package io.medsync.novamed.events;

import java.util.Arrays;
import java.util.Optional;

/** The webhook events NovaMed documents (contracts README 1.8); anything else is kept as an unknown event. */
public enum NovaMedEventName {
    ORDER_VERIFIED("medication_order:verified", "verified"),
    ORDER_SUBMITTED("medication_order:submitted", "submitted"),
    ORDER_ACKNOWLEDGED("medication_order:acknowledged", "acknowledged"),
    ORDER_FILLED("medication_order:filled", "filled"),
    SHIPMENT_CREATED("shipment:created", "shipped"),
    SHIPMENT_CANCELLED("shipment:cancelled", "shipment_cancelled"),
    PRACTITIONER_ACTIVATED("practitioner:activated", "active");

    private final String wireName;
    private final String status;

    NovaMedEventName(String wireName, String status) {
        this.wireName = wireName;
        this.status = status;
    }

    /** As in the body's {@code event_name}. */
    public String wireName() {
        return wireName;
    }

    /** The status of the order (or practitioner) after this event. */
    public String status() {
        return status;
    }

    public boolean aboutOrder() {
        return this != PRACTITIONER_ACTIVATED;
    }

    public static Optional<NovaMedEventName> of(String wireName) {
        return Arrays.stream(values()).filter(e -> e.wireName.equals(wireName)).findFirst();
    }

    /** A metric label from a fixed set: the event name if NovaMed documents it, else "other". */
    public static String label(String wireName) {
        return of(wireName).map(NovaMedEventName::wireName).orElse("other");
    }
}
