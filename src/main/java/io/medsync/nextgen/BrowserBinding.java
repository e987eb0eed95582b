package io.medsync.nextgen;

import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.ws.rs.core.NewCookie;

/**
 * Binds a consent flow's {@code state} to the browser that started it (RFC 6749 §10.12): the enrol answer sets a
 * cookie holding a random nonce, the pending flow keeps only the nonce's SHA-256, and the callback accepts the state
 * only together with that cookie. A callback link forged by someone who started a flow in their own browser (to
 * enrol their grant under the victim's session) arrives without the cookie and is refused.
 */
public record BrowserBinding(String nonce) {

    public static final String COOKIE = "medsync_consent";

    public static BrowserBinding create() {
        // PKCE's verifier is the same thing: 32+ random bytes, base64url.
        return new BrowserBinding(PkceChallenge.create().verifier());
    }

    /** What the pending flow stores: the nonce's SHA-256, never the nonce. */
    public String hash() {
        return hashOf(nonce);
    }

    /** True when the cookie presented at the callback is the one the flow's browser was given. */
    public static boolean matches(String cookie, String storedHash) {
        return cookie != null && storedHash != null && MessageDigest.isEqual(
                hashOf(cookie).getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The cookie: sent only to the callback's path, never to scripts, only over https when the callback is https,
     * and on the top-level redirect back from NextGen (Lax) but not on cross-site subrequests.
     */
    public NewCookie cookie(String redirectUri, Duration lifetime) {
        return cookie(redirectUri, nonce, (int) lifetime.toSeconds());
    }

    /** The same cookie, emptied: the callback clears it whatever its outcome. */
    public static NewCookie cleared(String redirectUri) {
        return cookie(redirectUri, "", 0);
    }

    private static NewCookie cookie(String redirectUri, String value, int maxAge) {
        URI callback = URI.create(redirectUri);
        return new NewCookie.Builder(COOKIE).value(value)
                .path(callback.getPath() == null || callback.getPath().isEmpty() ? "/" : callback.getPath())
                .maxAge(maxAge).httpOnly(true).secure("https".equalsIgnoreCase(callback.getScheme()))
                .sameSite(NewCookie.SameSite.LAX).build();
    }

    private static String hashOf(String nonce) {
        return PkceChallenge.challengeOf(nonce);
    }

    @Override
    public String toString() {
        return "BrowserBinding[nonce hidden]";
    }
}
