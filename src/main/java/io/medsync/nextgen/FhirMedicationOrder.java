package io.medsync.nextgen;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

import io.medsync.tenant.FhirVersion;

/**
 * An R4 MedicationRequest or a DSTU2 MedicationOrder, reduced to what a NovaMed medication order takes.
 *
 * @param medication          the medication when the order carries it (CodeableConcept or contained), else null
 * @param medicationReference "Medication/{id}" when the order references a Medication the reader must fetch
 * @param prescriberId        id of the requester (R4) / prescriber (DSTU2) Practitioner, or null
 * @param dosages             every dosage instruction, in the order the source lists them (never null)
 * @param dispenseQuantity    dispenseRequest.quantity, or null
 * @param refills             dispenseRequest.numberOfRepeatsAllowed as written (checked by the mapper: a source
 *                            may carry "-1" or "1.5"), or null
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
        List<FhirDosage> dosages,
        FhirQuantity dispenseQuantity,
        String refills,
        Integer daysSupply,
        String intent) {

    public FhirMedicationOrder {
        dosages = dosages == null ? List.of() : List.copyOf(dosages);
    }

    /** The same order with refills as the source wrote them. */
    public FhirMedicationOrder withRefills(String written) {
        return new FhirMedicationOrder(id, version, patientId, prescriberId, status, authoredOn, medication,
                medicationReference, dosages, dispenseQuantity, written, daysSupply, intent);
    }

    /** The same order with its referenced medication filled in. */
    public FhirMedicationOrder withMedication(FhirMedication resolved) {
        return new FhirMedicationOrder(id, version, patientId, prescriberId, status, authoredOn, resolved,
                medicationReference, dosages, dispenseQuantity, refills, daysSupply, intent);
    }
}
