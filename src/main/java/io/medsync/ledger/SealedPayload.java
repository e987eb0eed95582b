package io.medsync.ledger;

/** A source record encrypted at rest: the ciphertext and the id of the key that sealed it. */
public record SealedPayload(String keyId, String ciphertext) {

    @Override
    public String toString() {
        return "SealedPayload[keyId=" + keyId + "]";
    }
}
