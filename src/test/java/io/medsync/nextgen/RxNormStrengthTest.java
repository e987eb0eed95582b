package io.medsync.nextgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RxNorm drug names read by their grammar (quantity + ingredient strength + dose form): the strength is never the
 * leading volume or release duration. {@code rxnorm-names.psv} lists real SCD/SBD names with their expected
 * strength and form.
 */
class RxNormStrengthTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "0.3 ML Epinephrine 1 MG/ML Auto-Injector | 0.3 mL | 1 mg/mL | Auto-Injector",
            "Amlodipine 5 MG Oral Tablet | null | 5 mg | Oral Tablet",
            "12 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet | 12 hr | 500 mg | Extended Release Oral Tablet",
            "Amoxicillin Oral Capsule | null | null | null",
            "Vitamin B12 | null | null | null"})
    void nameParts(String name, String quantity, String strength, String form) {
        assertThat(RxNormName.parse(name)).isEqualTo(new RxNormName(quantity, strength, form));
    }

    @Test
    void everyRealNameInTheListGivesItsStrengthAndForm() throws IOException {
        List<String[]> rows = rows();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(50);
        for (String[] row : rows) {
            RxNormName parsed = RxNormName.parse(row[0]);
            assertThat(parsed.strength()).as(row[0]).isEqualTo(nullable(row[1]));
            assertThat(parsed.form()).as(row[0]).isEqualTo(nullable(row[2]));
        }
    }

    private static List<String[]> rows() throws IOException {
        try (InputStream in = RxNormStrengthTest.class.getResourceAsStream("/fhir/rxnorm-names.psv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split("\\|", -1)).map(a -> new String[] { a[0].strip(), a[1].strip(), a[2].strip() })
                    .toList();
        }
    }

    private static String nullable(String s) {
        return s.isEmpty() ? null : s;
    }
}
