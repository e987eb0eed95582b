package io.medsync.crypto;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What a key rotation run did, per table (served as JSON by the ops API). */
@RegisterForReflection
public record RotationResult(String activeKeyId, TableRotation ledgerRecords, TableRotation deadLetters,
        TableRotation nextGenTokens, TableRotation novaMedTrackingUrls) {

    /** Rows re-sealed under the active key, and rows left as they were because they could not be opened. */
    @RegisterForReflection
    public record TableRotation(int reencrypted, int failed) {
    }
}
