package io.medsync.crypto;

/**
 * A payload encrypted at rest (a source record, a token, a tracking URL) as stored: the id of the key that sealed
 * it and base64(iv || ciphertext || tag). Both go in the row ({@code payload_key_id}, {@code payload}) so a key can
 * be rotated without losing older rows.
 */
public record SealedPayload(String keyId, String ciphertext) {

    @Override
    public String toString() {
        // Keeps log lines short; the ciphertext says nothing useful to a reader anyway.
        return "SealedPayload[keyId=" + keyId + ", " + (ciphertext == null ? 0 : ciphertext.length()) + " chars]";
    }
}
