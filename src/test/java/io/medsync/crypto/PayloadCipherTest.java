package io.medsync.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.runtime.configuration.ConfigurationException;

/** AES-GCM sealing with a key ring, without Quarkus: keys come straight from strings. */
class PayloadCipherTest {

    // Test-only keys, made up for this class.
    private static final String OLD_KEY = "bm90LWEtcmVhbC1rZXktb2xkLTMyLWJ5dGVzLWxvbmc=";
    private static final String NEW_KEY = "bm90LWEtcmVhbC1rZXktbmV3LTMyLWJ5dGVzLWxvbmc=";
    private static final String RING = "k-old:" + OLD_KEY + ",k-new:" + NEW_KEY;
    private static final String CONTEXT = PayloadContext.of("acme", "NEXHEALTH", "PATIENT", "42");
    private static final String PHI = "{\"name\":\"Zoë Ångström-Müller 山田\",\"dob\":\"1980-02-29\"}";

    private final PayloadCipher cipher = new PayloadCipher(RING, "k-new");

    @Test
    void theTestKeysAreAes256Keys() {
        assertThat(Base64.getDecoder().decode(OLD_KEY)).hasSize(32);
        assertThat(Base64.getDecoder().decode(NEW_KEY)).hasSize(32);
    }

    @Test
    void aPayloadRoundTripsUnderTheActiveKeyIncludingUnicode() {
        SealedPayload sealed = cipher.sealString(PHI, CONTEXT);

        assertThat(sealed.keyId()).isEqualTo("k-new").isEqualTo(cipher.activeKeyId());
        // Not merely encoded: neither the plaintext's base64 nor its bytes appear (2-letter probes of random base64
        // would match by chance in ~3 % of runs).
        assertThat(sealed.ciphertext()).doesNotContain(Base64.getEncoder()
                .encodeToString(PHI.getBytes(StandardCharsets.UTF_8)).substring(0, 12));
        assertThat(new String(Base64.getDecoder().decode(sealed.ciphertext()), StandardCharsets.ISO_8859_1))
                .doesNotContain("1980-02-29");
        assertThat(cipher.openString(sealed.keyId(), sealed.ciphertext(), CONTEXT)).isEqualTo(PHI);
        assertThat(cipher.open(sealed.keyId(), cipher.seal(new byte[0], CONTEXT).ciphertext(), CONTEXT)).isEmpty();
    }

    @Test
    void theCiphertextIsIvThenCiphertextThenA128BitTag() {
        byte[] plaintext = PHI.getBytes(StandardCharsets.UTF_8);
        byte[] stored = Base64.getDecoder().decode(cipher.seal(plaintext, CONTEXT).ciphertext());

        assertThat(stored).hasSize(12 + plaintext.length + 16);
    }

    @Test
    void everySealUsesAFreshIv() {
        byte[] first = Base64.getDecoder().decode(cipher.sealString(PHI, CONTEXT).ciphertext());
        byte[] second = Base64.getDecoder().decode(cipher.sealString(PHI, CONTEXT).ciphertext());

        assertThat(Arrays.copyOf(first, 12)).isNotEqualTo(Arrays.copyOf(second, 12));
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void tamperedDataDoesNotOpen() {
        SealedPayload sealed = cipher.sealString(PHI, CONTEXT);
        byte[] bytes = Base64.getDecoder().decode(sealed.ciphertext());
        bytes[bytes.length / 2] ^= 0x01;
        String tampered = Base64.getEncoder().encodeToString(bytes);

        assertOpenFails(() -> cipher.open("k-new", tampered, CONTEXT), "k-new");
        assertOpenFails(() -> cipher.open("k-new", "not base64!", CONTEXT), "k-new");
        assertOpenFails(() -> cipher.open("k-new", "AAAA", CONTEXT), "k-new");
    }

    @Test
    void aPayloadCopiedOntoAnotherRowDoesNotOpen() {
        SealedPayload sealed = cipher.sealString(PHI, CONTEXT);
        String otherRow = PayloadContext.of("acme", "NEXHEALTH", "PATIENT", "43");

        assertOpenFails(() -> cipher.open(sealed.keyId(), sealed.ciphertext(), otherRow), "k-new");
    }

    @Test
    void theWrongKeyOrAnUnknownKeyIdDoesNotOpen() {
        SealedPayload sealed = cipher.sealString(PHI, CONTEXT);

        assertOpenFails(() -> cipher.open("k-old", sealed.ciphertext(), CONTEXT), "k-old");
        assertOpenFails(() -> cipher.open("k-gone", sealed.ciphertext(), CONTEXT), "k-gone");
        assertOpenFails(() -> cipher.open(null, sealed.ciphertext(), CONTEXT), "<none>");
        assertOpenFails(() -> cipher.open("k-" + OLD_KEY, sealed.ciphertext(), CONTEXT), "<not a key id>");
    }

    @Test
    void aPayloadSealedUnderTheOldKeyStillOpensAfterRotation() {
        PayloadCipher beforeRotation = new PayloadCipher(RING, "k-old");
        SealedPayload old = beforeRotation.sealString(PHI, CONTEXT);
        assertThat(old.keyId()).isEqualTo("k-old");

        assertThat(cipher.openString(old.keyId(), old.ciphertext(), CONTEXT)).isEqualTo(PHI);
        assertThat(cipher.sealString(PHI, CONTEXT).keyId()).isEqualTo("k-new");
    }

    @Test
    void aKeyRingWithoutTheOldKeyCannotOpenItsPayloads() {
        SealedPayload old = new PayloadCipher(RING, "k-old").sealString(PHI, CONTEXT);
        PayloadCipher newOnly = new PayloadCipher("k-new:" + NEW_KEY, "k-new");

        assertOpenFails(() -> newOnly.open(old.keyId(), old.ciphertext(), CONTEXT), "k-old");
    }

    @Test
    void sealedToStringCarriesNoCiphertext() {
        SealedPayload sealed = cipher.sealString(PHI, CONTEXT);
        assertThat(sealed.toString()).contains("k-new").doesNotContain(sealed.ciphertext());
    }

    static Stream<Arguments> invalidRings() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        return Stream.of(
                Arguments.of("", "k-new", "medsync.encryption.keys"),
                Arguments.of(null, "k-new", "medsync.encryption.keys"),
                Arguments.of("   ", "k-new", "medsync.encryption.keys"),
                Arguments.of(NEW_KEY, "k-new", "medsync.encryption.keys"),
                Arguments.of("k-new:" + NEW_KEY + ",", "k-new", "medsync.encryption.keys"),
                Arguments.of("k new:" + NEW_KEY, "k new", "medsync.encryption.keys"),
                Arguments.of(":" + NEW_KEY, "k-new", "medsync.encryption.keys"),
                Arguments.of("x".repeat(33) + ":" + NEW_KEY, "k-new", "medsync.encryption.keys"),
                Arguments.of("k-new:" + NEW_KEY.replace('=', '*'), "k-new", "medsync.encryption.keys"),
                Arguments.of("k-new:" + shortKey, "k-new", "medsync.encryption.keys"),
                Arguments.of("k-new:" + NEW_KEY + ",k-new:" + OLD_KEY, "k-new", "medsync.encryption.keys"),
                Arguments.of(RING, "", "medsync.encryption.active-key"),
                Arguments.of(RING, null, "medsync.encryption.active-key"),
                Arguments.of(RING, "k-missing", "medsync.encryption.active-key"));
    }

    @ParameterizedTest
    @MethodSource("invalidRings")
    void anInvalidKeyRingIsRefusedNamingThePropertyButNoKey(String keys, String active, String property) {
        assertThatThrownBy(() -> new PayloadCipher(keys, active))
                .isInstanceOf(ConfigurationException.class)
                .hasNoCause()
                .hasMessageContaining(property)
                .satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain(OLD_KEY)
                        .doesNotContain(NEW_KEY)
                        .doesNotContain(NEW_KEY.substring(0, 8))
                        .doesNotContain(OLD_KEY.substring(0, 8))
                        .doesNotContain(Base64.getEncoder().encodeToString(new byte[16])));
    }

    /** Prod's default: MEDSYNC_ENCRYPTION_KEYS unset, so the property is empty and start-up stops on it. */
    @Test
    void withoutKeysTheCipherRefusesToStartNamingTheKeysProperty() {
        assertThatThrownBy(() -> new PayloadCipher(Optional.empty(), Optional.of("k-new")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("medsync.encryption.keys is not set");
    }

    private static void assertOpenFails(ThrowingCallable open, String keyId) {
        assertThatThrownBy(open)
                .isInstanceOf(PayloadCipherException.class)
                .hasNoCause()
                .hasMessageContaining(keyId)
                .satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain(OLD_KEY).doesNotContain(NEW_KEY).doesNotContain("Zo").doesNotContain("1980")
                        .doesNotContain(CONTEXT));
    }
}
