package io.medsync.nextgen;

import io.quarkus.runtime.annotations.RegisterForReflection;

import io.medsync.tenant.FhirVersion;

/**
 * An R4 MedicationRequest or a DSTU2 MedicationOrder, reduced to what a NovaMed medication order takes.
 *
 * @param medication          the medication when the order carries it (CodeableConcept or contained), else null
 * @param medicationReference "Medication/{id}" when the order references a Medication the reader must fetch
 * @param prescriberId        id of the requester (R4) / prescriber (DSTU2) Practitioner, or null
 * @param dosageText          the first dosage instruction's text (the sig), or null
 * @param dose                the first dosage's dose quantity, or null
 * @param dispenseQuantity    dispenseRequest.quantity, or null
 * @param refills             dispenseRequest.numberOfRepeatsAllowed, or null
 * @param daysSupply          dispenseRequest.expectedSupplyDuration in days, or null
 * @param intent              R4's intent code (order, plan, proposal...); null in DSTU2, which has no intent
 */
@RegisterForReflection
public record FhirMedicationOrder(
        String id,
        FhirVersion version,
        String patientId,
        String prescriberId,
        String status,
        String authoredOn,
        FhirMedication medication,
        String medicationReference,
        String dosageText,
        FhirQuantity dose,
        FhirQuantity dispenseQuantity,
        Integer refills,
        Integer daysSupply,
        String intent) {

    /** The same order with its referenced medication filled in. */
    public FhirMedicationOrder withMedication(FhirMedication resolved) {
        return new FhirMedicationOrder(id, version, patientId, prescriberId, status, authoredOn, resolved,
                medicationReference, dosageText, dose, dispenseQuantity, refills, daysSupply, intent);
    }
}
