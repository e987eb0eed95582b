package io.medsync.sandbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A NexHealth webhook POST as the sender would send it: target, headers ({@code timestamp}, {@code signature},
 * {@code Content-Type}) and the exact body bytes the signature covers. Tests can send it themselves or forge
 * variants with {@link #withHeader}.
 */
public record SignedWebhookRequest(URI target, Map<String, String> headers, byte[] body) {

    public static final String TIMESTAMP_HEADER = "timestamp";
    public static final String SIGNATURE_HEADER = "signature";

    public SignedWebhookRequest {
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public String timestamp() {
        return headers.get(TIMESTAMP_HEADER);
    }

    public String signature() {
        return headers.get(SIGNATURE_HEADER);
    }

    /** A copy with one header replaced, e.g. a forged {@code signature}. */
    public SignedWebhookRequest withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new SignedWebhookRequest(target, copy, body);
    }
}
