package io.medsync.nextgen;

import java.util.List;

/**
 * What one patient's pull read: the patient, the practitioners their records name, their prescriptions (with
 * referenced medications resolved) and the entries that could not be read. Delivered practitioners, patients,
 * orders, since a NovaMed patient needs its practitioner and an order needs both. A previewed document is a chart
 * too: {@code patientId} is then null, and the Bundle may hold any number of patients.
 */
public record NextGenChart(String patientId, List<FhirPatient> patients, List<FhirPractitioner> practitioners,
        List<FhirMedicationOrder> orders, List<Malformed> malformed) {

    /**
     * The patient as delivered: one whose chart names no general practitioner gets the prescriber of their earliest
     * prescription, so the NovaMed patient is attributed to a clinician who treats them.
     */
    public static FhirPatient withPractitionerOfRecord(FhirPatient patient, List<FhirMedicationOrder> orders) {
        if (patient.generalPractitionerId() != null) {
            return patient;
        }
        return patient.withPractitionerOfRecord(orders.stream().filter(o -> o.prescriberId() != null)
                .sorted(java.util.Comparator.comparing((FhirMedicationOrder o) -> o.authoredOn() == null ? "~"
                        : o.authoredOn()).thenComparing(FhirMedicationOrder::id))
                .map(FhirMedicationOrder::prescriberId).findFirst().orElse(null));
    }

    /** The orders, those of a deceased patient marked so (they are refused with that reason, never sent). */
    public static List<FhirMedicationOrder> ofPatients(List<FhirMedicationOrder> orders, List<FhirPatient> patients) {
        java.util.Set<String> deceased = patients.stream().filter(p -> Boolean.TRUE.equals(p.deceased()))
                .map(FhirPatient::id).collect(java.util.stream.Collectors.toSet());
        return orders.stream().map(o -> deceased.contains(o.patientId()) ? o.ofDeceasedPatient() : o).toList();
    }

    /** The practitioners orders contain and that their NPI identifies, once each. */
    public static List<FhirPractitioner> containedPrescribers(List<FhirMedicationOrder> orders) {
        java.util.Map<String, FhirPractitioner> byKey = new java.util.LinkedHashMap<>();
        orders.stream().filter(o -> o.containedPrescriber() != null && o.prescriberId() != null)
                .forEach(o -> byKey.putIfAbsent(o.prescriberId(), o.containedPrescriber()));
        return List.copyOf(byKey.values());
    }
}
