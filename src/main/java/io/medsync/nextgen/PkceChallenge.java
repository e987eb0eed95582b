package io.medsync.nextgen;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** RFC 7636 S256: a random verifier and its challenge, plus the random {@code state} of one consent flow. */
public record PkceChallenge(String state, String verifier, String challenge) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    public static PkceChallenge create() {
        String verifier = random(48);
        return new PkceChallenge(random(32), verifier, challengeOf(verifier));
    }

    static String challengeOf(String verifier) {
        try {
            return URL.encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return URL.encodeToString(value);
    }

    @Override
    public String toString() {
        return "PkceChallenge[state only]";
    }
}
