package io.medsync.nextgen;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

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
 * @param containedPrescriber the prescriber when the order contains it ({@code requester}/{@code prescriber} "#id"):
 *                            identified by its NPI as {@code npi-<npi>} (then also {@code prescriberId}), else its
 *                            id is the local reference and the mapper refuses the order; null otherwise (left out
 *                            of the JSON, so the content hash of other orders is as before)
 * @param patientDeceased     true when the order's patient is deceased (set from the chart), else null
 * @param prescriberRole      "PractitionerRole/{id}" when the requester (R4) is a PractitionerRole the reader could
 *                            not resolve to its practitioner (the sync reads it from the FHIR server, see
 *                            {@link #prescribedBy}); null otherwise
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
        String intent,
        @JsonInclude(JsonInclude.Include.NON_NULL) FhirPractitioner containedPrescriber,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean patientDeceased,
        @JsonInclude(JsonInclude.Include.NON_NULL) String prescriberRole) {

    public FhirMedicationOrder {
        dosages = dosages == null ? List.of() : List.copyOf(dosages);
    }

    /** An order whose prescriber is referenced (or absent) and whose patient is not known to be deceased. */
    public FhirMedicationOrder(String id, FhirVersion version, String patientId, String prescriberId, String status,
            String authoredOn, FhirMedication medication, String medicationReference, List<FhirDosage> dosages,
            FhirQuantity dispenseQuantity, String refills, Integer daysSupply, String intent) {
        this(id, version, patientId, prescriberId, status, authoredOn, medication, medicationReference, dosages,
                dispenseQuantity, refills, daysSupply, intent, null, null, null);
    }

    /** The same order with its status as the source wrote it (a lenient parse drops codes its version lacks). */
    public FhirMedicationOrder withStatus(String written) {
        return new FhirMedicationOrder(id, version, patientId, prescriberId, written, authoredOn, medication,
                medicationReference, dosages, dispenseQuantity, refills, daysSupply, intent, containedPrescriber,
                patientDeceased, prescriberRole);
    }

    /** The same order prescribed by a practitioner it contains (its id is its key, see the record's doc). */
    public FhirMedicationOrder withContainedPrescriber(FhirPractitioner prescriber) {
        String key = prescriber.id() != null && prescriber.id().startsWith(NPI_KEY) ? prescriber.id() : null;
        return new FhirMedicationOrder(id, version, patientId, key, status, authoredOn, medication,
                medicationReference, dosages, dispenseQuantity, refills, daysSupply, intent, prescriber,
                patientDeceased, prescriberRole);
    }

    /** The same order of a patient who is deceased: it is refused, never sent. */
    public FhirMedicationOrder ofDeceasedPatient() {
        return new FhirMedicationOrder(id, version, patientId, prescriberId, status, authoredOn, medication,
                medicationReference, dosages, dispenseQuantity, refills, daysSupply, intent, containedPrescriber,
                Boolean.TRUE, prescriberRole);
    }

    /** Prefix of the key of a contained prescriber identified by its NPI ("npi-1234567893"). */
    public static final String NPI_KEY = "npi-";

    /** The same order with refills as the source wrote them. */
    public FhirMedicationOrder withRefills(String written) {
        return new FhirMedicationOrder(id, version, patientId, prescriberId, status, authoredOn, medication,
                medicationReference, dosages, dispenseQuantity, written, daysSupply, intent, containedPrescriber,
                patientDeceased, prescriberRole);
    }

    /** The same order naming its prescriber through a PractitionerRole still to be read ("PractitionerRole/{id}"). */
    public FhirMedicationOrder withPrescriberRole(String role) {
        return new FhirMedicationOrder(id, version, patientId, prescriberId, status, authoredOn, medication,
                medicationReference, dosages, dispenseQuantity, refills, daysSupply, intent, containedPrescriber,
                patientDeceased, role);
    }

    /** The same order prescribed by the practitioner its PractitionerRole names. */
    public FhirMedicationOrder prescribedBy(String practitionerId) {
        return new FhirMedicationOrder(id, version, patientId, practitionerId, status, authoredOn, medication,
                medicationReference, dosages, dispenseQuantity, refills, daysSupply, intent, containedPrescriber,
                patientDeceased, null);
    }

    /** The same order with its referenced medication filled in. */
    public FhirMedicationOrder withMedication(FhirMedication resolved) {
        return new FhirMedicationOrder(id, version, patientId, prescriberId, status, authoredOn, resolved,
                medicationReference, dosages, dispenseQuantity, refills, daysSupply, intent, containedPrescriber,
                patientDeceased, prescriberRole);
    }
}
