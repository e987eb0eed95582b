package io.medsync.novamed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MedicationOrderPathTest {

    @ParameterizedTest(name = "{0} with path {1} -> {2}")
    @CsvSource(nullValues = "NULL", textBlock = """
            CURRENT, NULL,                           /api/external/medication-order
            LEGACY,  NULL,                           /api/external/medication-request
            LEGACY,  /api/external/medication-order, /api/external/medication-order
            CURRENT, /v2/orders,                     /v2/orders
            """)
    void anUnsetPathIsTheOneNovaMedDocumentsForTheShape(MedicationOrderShape shape, String path, String expected) {
        NovaMedSettings.MedicationOrder settings = new NovaMedSettings.MedicationOrder() {
            @Override
            public MedicationOrderShape shape() {
                return shape;
            }

            @Override
            public Optional<String> path() {
                return Optional.ofNullable(path);
            }
        };

        assertThat(settings.effectivePath()).isEqualTo(expected);
    }
}
