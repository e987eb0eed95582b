package io.medsync.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a simulator answers: status, headers (Content-Type included) and body bytes. */
public record SandboxResponse(int status, Map<String, String> headers, byte[] body) {

    public SandboxResponse {
        headers = Map.copyOf(headers);
    }

    public static SandboxResponse of(int status, String contentType, String body) {
        return new SandboxResponse(status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
    }

    public SandboxResponse withHeaders(Map<String, String> extra) {
        Map<String, String> merged = new LinkedHashMap<>(headers);
        merged.putAll(extra);
        return new SandboxResponse(status, merged, body);
    }
}
