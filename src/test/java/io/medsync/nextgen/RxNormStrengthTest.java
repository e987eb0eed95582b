package io.medsync.nextgen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RxNorm clinical drug names state the strength; a coded medication without an ingredient strength uses it. */
class RxNormStrengthTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "Amlodipine 5 MG Oral Tablet | 5 mg",
            "Levothyroxine sodium 0.1 MG Oral Tablet | 0.1 mg",
            "Amoxicillin 250 MG/5ML Oral Suspension | 250 mg/5ml",
            "Insulin Glargine 100 UNT/ML Injectable Solution | 100 unt/ml",
            "Fluticasone propionate 0.05 MG/ACTUAT Metered Dose Inhaler | 0.05 mg/actuat",
            "Amoxicillin Oral Capsule | null",
            "Vitamin B12 | null"})
    void strengthFromTheName(String name, String strength) {
        assertThat(FhirElements.rxNormStrength(name)).isEqualTo(strength);
    }
}
