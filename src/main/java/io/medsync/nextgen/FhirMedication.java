package io.medsync.nextgen;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A medication as a prescription names it, whether as a CodeableConcept, a contained Medication or a referenced one.
 *
 * @param name       the text or first coding display, e.g. "Amoxicillin 500 MG Oral Capsule"
 * @param rxNormCode the RxNorm code when coded (system http://www.nlm.nih.gov/research/umls/rxnorm), else null
 * @param strength   the strength as written, e.g. "500 mg" (from the ingredient strength), else null
 * @param form       the dose form text, e.g. "capsule", else null
 */
@RegisterForReflection
public record FhirMedication(String name, String rxNormCode, String strength, String form) {
}
