package io.medsync.nexhealth;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An appointment as {@code GET /appointments} returns it, reduced to ids, times and flags (no note: free text). */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NexHealthAppointment(
        long id,
        @JsonProperty("patient_id") Long patientId,
        @JsonProperty("provider_id") Long providerId,
        @JsonProperty("start_time") Instant startTime,
        @JsonProperty("end_time") Instant endTime,
        Boolean cancelled,
        Boolean unavailable,
        @JsonProperty("location_id") Long locationId,
        @JsonProperty("updated_at") Instant updatedAt) {

    /** A schedule block, not a visit. */
    public boolean isBlock() {
        return Boolean.TRUE.equals(unavailable);
    }

    public boolean isCancelled() {
        return Boolean.TRUE.equals(cancelled);
    }
}
