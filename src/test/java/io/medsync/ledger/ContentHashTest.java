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
}
