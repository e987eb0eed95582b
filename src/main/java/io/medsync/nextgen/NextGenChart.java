package io.medsync.nextgen;

import java.util.List;

/**
 * What one patient's pull read: the patient, the practitioners their records name, their prescriptions (with
 * referenced medications resolved) and the entries that could not be read. Delivered in that order, since a
 * NovaMed patient needs its practitioner and an order needs both.
 */
public record NextGenChart(String patientId, FhirPatient patient, List<FhirPractitioner> practitioners,
        List<FhirMedicationOrder> orders, List<Malformed> malformed) {
}
