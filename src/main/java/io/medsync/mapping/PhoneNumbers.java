package io.medsync.mapping;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * US (NANP) phone normalisation to the 10-digit form. NovaMed accepts +1XXXXXXXXXX, 1XXXXXXXXXX or 10 digits; we
 * always send 10 digits so that the same number never looks like two different contacts.
 */
public final class PhoneNumbers {

    /** A trailing extension ("x12", "ext. 12", "extension 12", "#12"): NovaMed has no field for it, so it is dropped. */
    private static final Pattern EXTENSION =
            Pattern.compile("(?i)\\s*[,;]?\\s*(?:x|ext\\.?|extension|#)\\s*[0-9]{1,6}\\s*$");
    /** Only punctuation people actually type in phone numbers; letters (vanity numbers, notes) are rejected. */
    private static final Pattern ALLOWED = Pattern.compile("^\\+?[0-9 ().\\-]+$");
    /** Compiled once, not on every number as String.replaceAll does. */
    private static final Pattern NON_DIGITS = Pattern.compile("[^0-9]");
    private static final int MAX_RAW_LENGTH = 40;

    private PhoneNumbers() {
    }

    /**
     * The 10-digit national number, or empty when the input is not a plausible US number: wrong length, a non-US
     * country code, or an area code / exchange starting with 0 or 1 (never assigned under NANP).
     */
    public static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.strip();
        if (s.isEmpty() || s.length() > MAX_RAW_LENGTH) {
            return Optional.empty();
        }
        s = EXTENSION.matcher(s).replaceFirst("");
        if (!ALLOWED.matcher(s).matches()) {
            return Optional.empty();
        }
        boolean international = s.startsWith("+");
        String digits = NON_DIGITS.matcher(s).replaceAll("");
        if (international) {
            // "+" means a country code follows; only +1 is ours.
            if (digits.length() != 11 || digits.charAt(0) != '1') {
                return Optional.empty();
            }
            digits = digits.substring(1);
        } else if (digits.length() == 11 && digits.charAt(0) == '1') {
            digits = digits.substring(1); // trunk prefix "1-555-..."
        }
        if (digits.length() != 10 || digits.charAt(0) < '2' || digits.charAt(3) < '2') {
            return Optional.empty();
        }
        return Optional.of(digits);
    }

    /** The valid numbers among {@code raws}, normalised, de-duplicated, in the given order. */
    public static List<String> distinctValid(String... raws) {
        Set<String> out = new LinkedHashSet<>();
        if (raws != null) {
            for (String raw : raws) {
                normalize(raw).ifPresent(out::add);
            }
        }
        return new ArrayList<>(out);
    }

    /** The first valid number among {@code raws}, normalised. */
    public static Optional<String> firstValid(String... raws) {
        List<String> all = distinctValid(raws);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }
}
