package io.medsync.novamed;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of the older flat {@code POST /api/external/medication-request} (shape A, NovaMed's legacy spec), for
 * clinics whose NovaMed still takes it; integers where shape B has strings and numbers.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NovaMedLegacyMedicationRequest(
        @JsonProperty("clinic_id") String clinicId,
        @JsonProperty("patient_id") String patientId,
        @JsonProperty("practitioner_id") String practitionerId,
        @JsonProperty("medication_name") String medicationName,
        @JsonProperty("medication_strength") String medicationStrength,
        Integer quantity,
        Integer refills,
        @JsonProperty("days_supply") Integer daysSupply,
        String instructions) implements NovaMedOrderCommand {

    @Override
    public NovaMedLegacyMedicationRequest withParties(String patientId, String practitionerId) {
        return new NovaMedLegacyMedicationRequest(clinicId, patientId, practitionerId, medicationName,
                medicationStrength, quantity, refills, daysSupply, instructions);
    }
}
