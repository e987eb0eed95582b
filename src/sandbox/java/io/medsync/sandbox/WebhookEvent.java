package io.medsync.sandbox;

import java.util.Arrays;
import java.util.Optional;

/** The NexHealth webhook events the sandbox emits, with their subscription resource type and payload key. */
public enum WebhookEvent {
    PATIENT_CREATED("Patient", "patient_created", "patients"),
    PATIENT_UPDATED("Patient", "patient_updated", "patients"),
    APPOINTMENT_CREATED("Appointment", "appointment_created", "appointments"),
    APPOINTMENT_UPDATED("Appointment", "appointment_updated", "appointments");

    private final String resourceType;
    private final String eventName;
    private final String dataKey;

    WebhookEvent(String resourceType, String eventName, String dataKey) {
        this.resourceType = resourceType;
        this.eventName = eventName;
        this.dataKey = dataKey;
    }

    /** As in a subscription's {@code resource_type}, e.g. {@code Patient}. */
    public String resourceType() {
        return resourceType;
    }

    /** As in a subscription's {@code event} and the payload's {@code event_name}, e.g. {@code patient_updated}. */
    public String eventName() {
        return eventName;
    }

    /** The key under the payload's {@code data}: {@code patients} or {@code appointments}. */
    public String dataKey() {
        return dataKey;
    }

    public static Optional<WebhookEvent> byName(String eventName) {
        return Arrays.stream(values()).filter(e -> e.eventName.equals(eventName)).findFirst();
    }
}
