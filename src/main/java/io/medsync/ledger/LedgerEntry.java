package io.medsync.ledger;

import java.time.Instant;

public record LedgerEntry(
        long id,
        RecordKey key,
        String contentHash,
        String driftedHash,
        String novaMedId,
        RecordState state,
        int attempts,
        String lastError,
        Integer lastHttpStatus,
        Instant createdAt,
        Instant updatedAt,
        Instant deliveredAt,
        String blockedOn) {
}
