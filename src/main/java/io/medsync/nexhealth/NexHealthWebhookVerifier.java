package io.medsync.nexhealth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Checks a NexHealth webhook delivery: HMAC-SHA256 with the endpoint's secret key over the configured signing
 * string, and a timestamp within the tolerance. Rejections name what failed, never the secret or the body.
 */
@ApplicationScoped
public class NexHealthWebhookVerifier {

    /** Why a delivery was refused; safe to return to the caller and to log. */
    public static class Rejected extends RuntimeException {
        private final boolean malformed;

        public Rejected(String reason) {
            this(reason, false);
        }

        Rejected(String reason, boolean malformed) {
            super(reason, null, false, false);
            this.malformed = malformed;
        }

        /** True when a header could not be read at all (a 400), rather than failing the check (a 401). */
        public boolean malformed() {
            return malformed;
        }
    }

    private final NexHealthSettings.Webhook settings;
    private final Clock clock;

    @Inject
    NexHealthWebhookVerifier(NexHealthSettings settings) {
        this(settings.webhook(), Clock.systemUTC());
    }

    NexHealthWebhookVerifier(NexHealthSettings.Webhook settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public void verify(String timestamp, String signature, byte[] body) {
        String secret = settings.secret().filter(s -> !s.isBlank())
                .orElseThrow(() -> new Rejected("webhook receiver has no secret configured (medsync.nexhealth.webhook.secret)"));
        if (timestamp == null || timestamp.isBlank()) {
            throw new Rejected("missing " + settings.timestampHeader() + " header");
        }
        if (signature == null || signature.isBlank()) {
            throw new Rejected("missing " + settings.signatureHeader() + " header");
        }
        // The cheap checks first: the HMAC over the body is computed only for a delivery inside the window.
        Instant sent = parse(timestamp);
        Instant now = clock.instant();
        if (sent.isBefore(now.minus(settings.timestampTolerance())) || sent.isAfter(now.plus(settings.timestampTolerance()))) {
            throw new Rejected("timestamp outside the accepted window of " + settings.timestampTolerance());
        }
        byte[] expected = hmac(secret, signingString(timestamp, body));
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(signature.trim().toLowerCase());
        } catch (IllegalArgumentException e) {
            throw new Rejected("signature is not hex");
        }
        if (!MessageDigest.isEqual(expected, presented)) {
            throw new Rejected("signature does not match");
        }
    }

    /** Builds the signature a sender would compute; used by the sandbox and tests to sign deliveries. */
    public static String sign(String secret, String signingTemplate, String timestamp, byte[] body) {
        return HexFormat.of().formatHex(hmac(secret, render(signingTemplate, timestamp, body)));
    }

    private String signingString(String timestamp, byte[] body) {
        return render(settings.signingString(), timestamp, body);
    }

    private static String render(String template, String timestamp, byte[] body) {
        return template.replace("{timestamp}", timestamp)
                .replace("{base64body}", Base64.getEncoder().encodeToString(body))
                .replace("{body}", new String(body, StandardCharsets.UTF_8));
    }

    private static Instant parse(String timestamp) {
        try {
            return Instant.parse(timestamp.trim());
        } catch (DateTimeParseException e) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(timestamp.trim()));
            } catch (NumberFormatException | DateTimeException notEpoch) {
                // Out of range (e.g. Long.MAX_VALUE seconds) as well as unreadable: the sender's mistake, a 400.
                throw new Rejected("timestamp is neither ISO-8601 nor epoch seconds in range", true);
            }
        }
    }

    private static byte[] hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
