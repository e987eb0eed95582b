package io.medsync.nextgen;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One dosage instruction of a prescription (R4 {@code Dosage}, DSTU2 {@code MedicationOrder.dosageInstruction}),
 * reduced to what a pharmacy label says. Every text is a CodeableConcept's text, else its first coding display.
 *
 * @param sequence               R4 {@code sequence}; null when absent (always in DSTU2, which has no such element)
 * @param text                   the sig as the prescriber wrote it, or null
 * @param additionalInstructions R4 {@code additionalInstruction[]} / DSTU2 {@code additionalInstructions}
 * @param patientInstruction     R4 only, else null
 * @param asNeeded               true for {@code asNeededBoolean=true} or an {@code asNeededCodeableConcept}
 * @param asNeededReason         the reason of {@code asNeededCodeableConcept}, or null
 * @param dose                   {@code doseQuantity} (R4 the first doseAndRate's), or null
 * @param doseLow                {@code doseRange.low}, or null
 * @param doseHigh               {@code doseRange.high}, or null
 * @param timing                 the timing, or null
 */
@RegisterForReflection
public record FhirDosage(
        Integer sequence,
        String text,
        List<String> additionalInstructions,
        String patientInstruction,
        boolean asNeeded,
        String asNeededReason,
        String route,
        String method,
        String site,
        FhirQuantity dose,
        FhirQuantity doseLow,
        FhirQuantity doseHigh,
        FhirTiming timing) {

    public FhirDosage {
        additionalInstructions = additionalInstructions == null ? List.of() : List.copyOf(additionalInstructions);
    }

    /** True when a dose (single or range) is stated. */
    public boolean hasDose() {
        return dose != null || doseLow != null || doseHigh != null;
    }
}
