package io.medsync.heidi;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code POST /heidi/sessions}' answer: the session to open the scribe on, the EHR ids it is linked to, and the
 * clinician's widget token ({@code token}, {@code expiration_time}).
 */
@RegisterForReflection
public record PreparedSession(
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("patient_profile_id") String patientProfileId,
        @JsonProperty("ehr_appointment_id") String ehrAppointmentId,
        @JsonProperty("ehr_patient_id") String ehrPatientId,
        @JsonUnwrapped ClinicianToken clinicianToken) {

    @Override
    public String toString() {
        return "PreparedSession[session_id=" + sessionId + ", patient_profile_id=" + patientProfileId + "]";
    }
}
