package io.medsync.nextgen;

import java.util.List;
import java.util.Map;

import io.medsync.pipeline.SyncSummary;

/**
 * One page of a FHIR search: the readable entries as neutral records in bundle order ({@link FhirPatient},
 * {@link FhirPractitioner}, {@link FhirMedicationOrder}, {@link FhirMedicationEntry}), the entries that could not be
 * read, the Bundle's {@code next} link (null on the last page), its {@code total} (null when the server omits it)
 * and how many entries of each resource type medsync does not read it held ({@code unread}, by type name).
 */
public record FhirPage(List<Object> records, List<Malformed> malformed, String nextUrl, Integer total,
        Map<String, Integer> unread) {

    public FhirPage {
        records = List.copyOf(records);
        malformed = List.copyOf(malformed);
        unread = Map.copyOf(unread);
    }

    public FhirPage(List<Object> records, List<Malformed> malformed, String nextUrl, Integer total) {
        this(records, malformed, nextUrl, total, Map.of());
    }

    /**
     * One note for all entries medsync does not read ("the Bundle holds 2 Condition, 40 Observation entries medsync
     * does not read"), by type in name order; null when there are none. A Bundle of a hundred types is one note, not
     * a hundred problems.
     */
    public String unreadNote() {
        if (unread.isEmpty()) {
            return null;
        }
        return "the Bundle holds " + SyncSummary.unreadNote(unread);
    }
}
