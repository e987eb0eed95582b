package io.medsync.nexhealth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The free-form {@code bio} object of a NexHealth user; any key may be missing, depending on the EHR. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NexHealthBio(
        String city,
        String state,
        String gender,
        @JsonProperty("zip_code") String zipCode,
        @JsonProperty("new_patient") Boolean newPatient,
        @JsonProperty("non_patient") Boolean nonPatient,
        @JsonProperty("phone_number") String phoneNumber,
        @JsonProperty("date_of_birth") String dateOfBirth,
        @JsonProperty("address_line_1") String addressLine1,
        @JsonProperty("address_line_2") String addressLine2,
        @JsonProperty("street_address") String streetAddress,
        @JsonProperty("cell_phone_number") String cellPhoneNumber,
        @JsonProperty("home_phone_number") String homePhoneNumber,
        @JsonProperty("work_phone_number") String workPhoneNumber) {

    public static NexHealthBio empty() {
        return new NexHealthBio(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
