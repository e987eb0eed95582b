package io.medsync.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.medsync.nexhealth.NexHealthBio;
import io.medsync.nexhealth.NexHealthPatient;

class ContentHashTest {

    private static NexHealthPatient patient(String middleName, Instant updatedAt) {
        return new NexHealthPatient(7, null, "Ana", middleName, "Lopez", "Ana Lopez", Instant.EPOCH, updatedAt, 1L,
                null, NexHealthBio.empty(), false, 3L);
    }

    @Test
    void aTouchWithoutARealChangeKeepsTheHash() {
        assertThat(ContentHash.of(patient("M", Instant.parse("2025-01-01T00:00:00Z"))))
                .isEqualTo(ContentHash.of(patient("M", Instant.parse("2026-01-01T00:00:00Z"))));
    }

    @Test
    void aChangedFieldChangesTheHash() {
        assertThat(ContentHash.of(patient("M", Instant.EPOCH))).isNotEqualTo(ContentHash.of(patient("N", Instant.EPOCH)));
    }

    /** Issue 15: a hash says which mapping version computed it, so an upgrade is not mistaken for drift. */
    @Test
    void aHashNamesItsMappingVersionAndOlderOnesAreRecognised() {
        String now = ContentHash.of(patient("M", Instant.EPOCH));
        assertThat(now).hasSize(64).startsWith(String.format("m%02d", ContentHash.MAPPING_VERSION))
                .matches("m[0-9]{2}[0-9a-f]{61}");
        assertThat(ContentHash.isOlderVersion(now)).isFalse();
        assertThat(ContentHash.isOlderVersion("0f".repeat(32))).as("written before versions").isTrue();
        assertThat(ContentHash.isOlderVersion("m01" + "1".repeat(61))).isTrue();
        assertThat(ContentHash.isOlderVersion(String.format("m%02d", ContentHash.MAPPING_VERSION + 1)
                + "0".repeat(61))).isFalse();
        assertThat(ContentHash.isOlderVersion("h1")).isFalse();
        assertThat(ContentHash.isOlderVersion(null)).isFalse();
    }
}
