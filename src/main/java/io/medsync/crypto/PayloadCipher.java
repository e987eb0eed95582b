package io.medsync.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.Startup;

/**
 * Seals PHI payloads for storage (ledger and dead letters) with AES-256-GCM: a fresh 12-byte IV per message, a
 * 128-bit tag, and the record key as associated data so a ciphertext only opens on the row it was sealed for.
 * New payloads use the active key; every key in the ring stays readable, which is what makes rotation possible.
 */
// Started eagerly so a bad key ring stops start-up, not the first sync. Runs after the default-priority checks
// (ProductionSafety) so their more specific prod messages come first.
@Startup(ObserverMethod.DEFAULT_PRIORITY + 100)
@ApplicationScoped
public class PayloadCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final KeyRing ring;
    private final SecureRandom random = new SecureRandom();
    /**
     * One Cipher per thread, initialised afresh (key, new IV, context) for every message: {@code Cipher.getInstance}
     * searched the security providers on every seal, a few per cent of medsync's CPU per record.
     */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(PayloadCipher::newCipher);

    @Inject
    PayloadCipher(@ConfigProperty(name = KeyRing.KEYS_PROPERTY) Optional<String> keys,
            @ConfigProperty(name = KeyRing.ACTIVE_KEY_PROPERTY) Optional<String> activeKeyId) {
        this(keys.orElse(""), activeKeyId.orElse(""));
    }

    /**
     * @param keys        {@code keyId:base64Key,...} with 32-byte keys
     * @param activeKeyId the id that seals new payloads
     * @throws io.quarkus.runtime.configuration.ConfigurationException naming the property that is wrong
     */
    public PayloadCipher(String keys, String activeKeyId) {
        this.ring = KeyRing.parse(keys, activeKeyId);
    }

    public String activeKeyId() {
        return ring.activeKeyId();
    }

    public SealedPayload seal(byte[] plaintext, String context) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(context, "context");
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, ring.activeKey(), iv, context);
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return new SealedPayload(ring.activeKeyId(), Base64.getEncoder().encodeToString(out));
        } catch (GeneralSecurityException e) {
            // AES-GCM is mandatory in every JRE, so this means a broken runtime, not bad input.
            throw new IllegalStateException("cannot seal with key '" + ring.activeKeyId() + "'", e);
        }
    }

    public byte[] open(String keyId, String ciphertext, String context) {
        Objects.requireNonNull(context, "context");
        SecretKey key = ring.find(keyId).orElseThrow(() -> new PayloadCipherException(
                "payload key id '" + KeyRing.describe(keyId) + "' is not in the key ring"));
        byte[] data;
        try {
            data = Base64.getDecoder().decode(Objects.requireNonNull(ciphertext, "ciphertext"));
        } catch (IllegalArgumentException e) {
            throw new PayloadCipherException("payload sealed under key '" + keyId + "' is not valid base64");
        }
        if (data.length < IV_BYTES + TAG_BITS / 8) {
            throw new PayloadCipherException("payload sealed under key '" + keyId + "' is truncated");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(data, IV_BYTES), context);
            return cipher.doFinal(data, IV_BYTES, data.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            // Wrong key, tampered bytes or another row's context all surface as a failed tag check.
            throw new PayloadCipherException("payload sealed under key '" + keyId
                    + "' cannot be opened: wrong key, tampered data or wrong context");
        }
    }

    public SealedPayload sealString(String plaintext, String context) {
        return seal(plaintext.getBytes(StandardCharsets.UTF_8), context);
    }

    public String openString(String keyId, String ciphertext, String context) {
        return new String(open(keyId, ciphertext, context), StandardCharsets.UTF_8);
    }

    private Cipher cipher(int mode, SecretKey key, byte[] iv, String context) throws GeneralSecurityException {
        Cipher cipher = ciphers.get();
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }
}
