package io.medsync.mapping;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** US ZIP codes as NovaMed takes them: {@code 12345} or ZIP+4 {@code 12345-6789}. */
public final class ZipCodes {

    /** Output shape, for callers that check results. */
    public static final Pattern VALID = Pattern.compile("^[0-9]{5}(?:-[0-9]{4})?$");
    // ASCII digits only: Character.isDigit would let Arabic-Indic digits through.
    private static final Pattern INPUT = Pattern.compile("^([0-9]{5})(?:[ \\-]?([0-9]{4}))?$");

    private ZipCodes() {
    }

    /**
     * The normalised ZIP, or empty. A 4-digit ZIP (leading zero lost in a spreadsheet) is rejected rather than
     * padded: guessing a shipping address is worse than asking for it.
     */
    public static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        Matcher m = INPUT.matcher(raw.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(m.group(2) == null ? m.group(1) : m.group(1) + "-" + m.group(2));
    }
}
