package io.medsync.novamed;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code POST /api/external/patient} ({@code PatientRequest}). {@code practitionerId} is filled in by
 * dependency resolution after mapping, so mappers leave it null.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NovaMedPatient(
        @JsonProperty("first_name") String firstName,
        @JsonProperty("middle_name") String middleName,
        @JsonProperty("last_name") String lastName,
        String gender,
        String dob,
        String species,
        String status,
        @JsonProperty("practitioner_id") String practitionerId,
        @JsonProperty("assigned_clinic") String assignedClinic,
        List<Contact> contacts,
        List<Address> addresses) {

    /** Contract minLength of first_name (last_name only has to be present). */
    public static final int MIN_FIRST_NAME_LENGTH = 2;

    public NovaMedPatient withPractitionerId(String id) {
        return new NovaMedPatient(firstName, middleName, lastName, gender, dob, species, status, id, assignedClinic,
                contacts, addresses);
    }

    /** A contact item; {@code key} is one of email, phone, url, sms, fax. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Contact(String key, String value) {
    }

    /** The address item is camelCase in NovaMed's contract, unlike the rest of the body. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Address(String addressLine1, String addressLine2, String city, String state, String postalCode) {
    }
}
