package io.medsync.nextgen;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A Medication resource read on its own (a search or read result), keyed by its id so that an order's
 * {@code medicationReference} "Medication/{id}" can be resolved with {@link FhirMedicationOrder#withMedication}.
 */
@RegisterForReflection
public record FhirMedicationEntry(String id, FhirMedication medication) {

    /** The reference an order uses for this medication. */
    public String reference() {
        return "Medication/" + id;
    }
}
