package io.medsync.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A parsed incoming request, as the simulators' handlers see it. Header lookup is case-insensitive. */
public record SandboxRequest(
        String method,
        String path,
        String rawQuery,
        Map<String, List<String>> queryParams,
        Map<String, List<String>> headers,
        byte[] body) {

    public String header(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    /** First value of a query parameter, or null. */
    public String query(String name) {
        List<String> values = queryParams.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public boolean hasQuery(String name) {
        return queryParams.containsKey(name);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean is(String method, String path) {
        return this.method.equalsIgnoreCase(method) && this.path.equals(path);
    }
}
