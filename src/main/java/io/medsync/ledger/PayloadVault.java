package io.medsync.ledger;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.medsync.crypto.PayloadCipher;
import io.medsync.crypto.PayloadContext;
import io.medsync.crypto.SealedPayload;

/**
 * Seals source records for storage (parked, in-doubt and dead-lettered records keep theirs so they can be
 * released, resent or replayed) and opens them again. The record key is bound in as associated data, so a
 * payload moved to another row does not open.
 */
@ApplicationScoped
public class PayloadVault {

    private final PayloadCipher cipher;
    private final ObjectMapper json;

    PayloadVault(PayloadCipher cipher, ObjectMapper json) {
        this.cipher = cipher;
        this.json = json;
    }

    public SealedPayload seal(RecordKey key, Object source) {
        try {
            SealedPayload sealed = cipher.seal(json.writeValueAsBytes(source), context(key));
            return new SealedPayload(sealed.keyId(), sealed.ciphertext());
        } catch (JsonProcessingException e) {
            throw new LedgerException("cannot serialise the payload of " + key, null);
        }
    }

    public JsonNode open(RecordKey key, SealedPayload payload) {
        try {
            return json.readTree(cipher.open(payload.keyId(), payload.ciphertext(), context(key)));
        } catch (java.io.IOException e) {
            throw new LedgerException("stored payload of " + key + " is not JSON", null);
        }
    }

    static String context(RecordKey key) {
        return PayloadContext.of(key.tenantId(), key.sourceSystem().name(), key.resourceType().name(), key.sourceId());
    }
}
