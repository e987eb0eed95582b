package io.medsync.ops;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Query parameters the ops endpoints share, parsed with a message that says what is expected (a 400). */
final class OpsParameters {

    private OpsParameters() {
    }

    static Instant instant(String name, String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant, e.g. 2026-01-31T00:00:00Z");
        }
    }

    /** true or false, absent meaning false: "yes" or a typo is refused rather than read as false. */
    static boolean flag(String name, String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new IllegalArgumentException(name + " must be true or false");
    }

    static int limit(int limit, int max) {
        return Math.min(Math.max(limit, 1), max);
    }

    /** An enum constant from its lower-case API name, or null when absent. */
    static <E extends Enum<E>> E option(String name, String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase().replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be one of " + java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase()).toList());
        }
    }
}
