package io.medsync.nextgen;

import java.util.List;

/**
 * One page of a FHIR search: the readable entries as neutral records in bundle order ({@link FhirPatient},
 * {@link FhirPractitioner}, {@link FhirMedicationOrder}, {@link FhirMedicationEntry}), the entries that could not be
 * read, the Bundle's {@code next} link (null on the last page) and its {@code total} (null when the server omits it).
 */
public record FhirPage(List<Object> records, List<Malformed> malformed, String nextUrl, Integer total) {

    public FhirPage {
        records = List.copyOf(records);
        malformed = List.copyOf(malformed);
    }
}
