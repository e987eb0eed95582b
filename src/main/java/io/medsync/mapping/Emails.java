package io.medsync.mapping;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A pragmatic email plausibility check (not RFC 5322): ASCII local part without leading, trailing or doubled dots,
 * a dotted domain with a letter TLD. It only has to keep obvious junk ("n/a", "none", "x@y") away from NovaMed.
 */
public final class Emails {

    private static final Pattern PLAUSIBLE = Pattern.compile(
            "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$");

    private Emails() {
    }

    /**
     * The trimmed address, required.
     *
     * @throws MappingException "FIELD is missing", "FIELD is not a plausible email address"
     */
    public static String require(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw new MappingException(field + " is missing");
        }
        return plausible(raw).orElseThrow(() -> new MappingException(field + " is not a plausible email address"));
    }

    /** The trimmed address if plausible, else empty. */
    public static Optional<String> plausible(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.strip();
        int at = s.indexOf('@');
        if (s.length() > 254 || at < 1 || at > 64 || !PLAUSIBLE.matcher(s).matches()) {
            return Optional.empty();
        }
        return Optional.of(s);
    }
}
