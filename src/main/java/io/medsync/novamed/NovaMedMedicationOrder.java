package io.medsync.novamed;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code POST /api/external/medication-order} ({@code MedicationRequest}, the current shape B): one item
 * per source prescription, so that each prescription is one ledger record.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NovaMedMedicationOrder(
        @JsonProperty("patient_id") String patientId,
        @JsonProperty("practitioner_id") String practitionerId,
        @JsonProperty("clinic_id") String clinicId,
        @JsonProperty("carrier_id") String carrierId,
        @JsonProperty("service_id") String serviceId,
        @JsonProperty("is_refrigerated") boolean refrigerated,
        @JsonProperty("medication_requests") List<Item> medicationRequests) implements NovaMedOrderCommand {

    @Override
    public NovaMedMedicationOrder withParties(String patientId, String practitionerId) {
        return new NovaMedMedicationOrder(patientId, practitionerId, clinicId, carrierId, serviceId, refrigerated,
                medicationRequests);
    }

    /** One medication; {@code refills} is a string in NovaMed's contract ("3"). */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(
            String medication,
            String dose,
            @JsonProperty("unit_of_measure") String unitOfMeasure,
            BigDecimal quantity,
            String refills,
            String direction,
            @JsonProperty("days_supply") Integer daysSupply) {
    }
}
