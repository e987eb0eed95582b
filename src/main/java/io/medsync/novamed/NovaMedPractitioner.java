package io.medsync.novamed;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of {@code POST /api/external/practitioner} ({@code PractitionerRequest}). */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NovaMedPractitioner(
        @JsonProperty("first_name") String firstName,
        @JsonProperty("last_name") String lastName,
        String email,
        String npi,
        @JsonProperty("is_veterinarian") boolean veterinarian,
        @JsonProperty("assigned_clinic") String assignedClinic,
        String phone,
        @JsonProperty("address_line_1") String addressLine1,
        @JsonProperty("address_line_2") String addressLine2,
        String city,
        @JsonProperty("state_code") String stateCode,
        @JsonProperty("zip_code") String zipCode) {

    /** Contract minLength of first_name and last_name. */
    public static final int MIN_NAME_LENGTH = 2;
}
