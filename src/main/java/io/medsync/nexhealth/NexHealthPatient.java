package io.medsync.nexhealth;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A patient as {@code GET /patients} returns it (v20240412), reduced to the fields medsync uses. */
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
        @JsonProperty("provider_id") Long providerId) {
}
