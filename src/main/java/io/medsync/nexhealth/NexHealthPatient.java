package io.medsync.nexhealth;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A patient as {@code GET /patients} returns it (v20240412), reduced to the fields medsync uses; {@code address} is
 * {@code PatientDetailed.address} ({@code API_V2_Entities_PatientAddress}).
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NexHealthPatient(
        long id,
        String email,
        @JsonProperty("first_name") String firstName,
        @JsonProperty("middle_name") String middleName,
        @JsonProperty("last_name") String lastName,
        String name,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("institution_id") Long institutionId,
        @JsonProperty("foreign_id") String foreignId,
        NexHealthBio bio,
        Boolean inactive,
        @JsonProperty("provider_id") Long providerId,
        NexHealthAddress address) {

    /** Without the v20240412 {@code address} object (older payloads, tests). */
    public NexHealthPatient(long id, String email, String firstName, String middleName, String lastName, String name,
            Instant createdAt, Instant updatedAt, Long institutionId, String foreignId, NexHealthBio bio,
            Boolean inactive, Long providerId) {
        this(id, email, firstName, middleName, lastName, name, createdAt, updatedAt, institutionId, foreignId, bio,
                inactive, providerId, null);
    }
}
