package io.medsync.novamed;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A successful NovaMed answer to a create or a webhook registration, as the partner route reads it (Camel Jackson):
 * {@code {"success": true, "data": {...}}}, of which medsync keeps the new record's id. Error answers are read from
 * their text by {@link NovaMedClient} (its "already exists" rule needs NovaMed's message).
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record NovaMedAnswer(Data data) {

    /** The ids a create answers with, one per kind of record (the rest of {@code data} is not used). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Data(
            @JsonProperty("practitioner_id") String practitionerId,
            @JsonProperty("patient_id") String patientId,
            @JsonProperty("medication_request_id") String medicationRequestId,
            @JsonProperty("medication_order_id") String medicationOrderId,
            @JsonProperty("refill_request_id") String refillRequestId,
            @JsonProperty("webhook_id") String webhookId) {

        /** The first of the named id fields NovaMed filled in, in the order given. */
        Optional<String> firstId(List<String> fields) {
            return fields.stream().map(this::id).filter(Objects::nonNull).findFirst();
        }

        private String id(String field) {
            return switch (field) {
                case "practitioner_id" -> practitionerId;
                case "patient_id" -> patientId;
                case "medication_request_id" -> medicationRequestId;
                case "medication_order_id" -> medicationOrderId;
                case "refill_request_id" -> refillRequestId;
                case "webhook_id" -> webhookId;
                default -> throw new IllegalArgumentException("NovaMed answers no " + field);
            };
        }
    }

    /** The first of the named id fields of {@code data}, if NovaMed answered with any. */
    Optional<String> firstId(List<String> fields) {
        return data == null ? Optional.empty() : data.firstId(fields);
    }
}
