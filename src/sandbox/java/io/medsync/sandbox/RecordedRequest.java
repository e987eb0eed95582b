package io.medsync.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request a simulator received, kept in memory for test assertions (never logged: bodies carry PHI).
 * {@code responseStatus} is 0 when the connection was dropped by a fault.
 */
public record RecordedRequest(
        Instant receivedAt,
        String method,
        String path,
        String query,
        Map<String, List<String>> headers,
        String body,
        int responseStatus) {

    /** First value of a header, case-insensitive; null if absent. */
    public String header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().isEmpty() ? null : e.getValue().get(0))
                .findFirst().orElse(null);
    }
}
