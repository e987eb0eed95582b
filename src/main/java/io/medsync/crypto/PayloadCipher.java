package io.medsync.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

/** TEMPORARY stub until the real AES-GCM cipher lands. */
@ApplicationScoped
public class PayloadCipher {

    public record Sealed(String keyId, String ciphertext) {
    }

    public Sealed seal(byte[] plaintext, String context) {
        return new Sealed("stub", Base64.getEncoder().encodeToString(plaintext));
    }

    public byte[] open(String keyId, String ciphertext, String context) {
        return Base64.getDecoder().decode(ciphertext.getBytes(StandardCharsets.US_ASCII));
    }
}
