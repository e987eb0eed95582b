package io.medsync.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/** A partner's response headers, names case-insensitive, as the rate-limit readers need them. */
public final class ResponseHeaders {

    public static final ResponseHeaders NONE = new ResponseHeaders(Map.of());

    private final Map<String, List<String>> values;

    private ResponseHeaders(Map<String, List<String>> values) {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(values);
        this.values = copy;
    }

    /** Each header with its value, or its values when it came more than once. */
    public static ResponseHeaders of(Map<String, ?> headers) {
        Map<String, List<String>> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> {
            if (value instanceof Iterable<?> many) {
                many.forEach(v -> values.computeIfAbsent(name, n -> new java.util.ArrayList<>()).add(String.valueOf(v)));
            } else if (value != null) {
                values.computeIfAbsent(name, n -> new java.util.ArrayList<>()).add(String.valueOf(value));
            }
        });
        return new ResponseHeaders(values);
    }

    public Optional<String> firstValue(String name) {
        List<String> all = values.get(name);
        return all == null || all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** @throws NumberFormatException when the header is there but not a number */
    public OptionalLong firstValueAsLong(String name) {
        return firstValue(name).map(v -> OptionalLong.of(Long.parseLong(v.trim()))).orElse(OptionalLong.empty());
    }

    public Map<String, List<String>> map() {
        return java.util.Collections.unmodifiableMap(values);
    }
}
