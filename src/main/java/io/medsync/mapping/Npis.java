package io.medsync.mapping;

import java.util.regex.Pattern;

/** National Provider Identifier checks (CMS: 10 digits, Luhn check digit computed over the prefix 80840 + NPI). */
public final class Npis {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\u00A0\\-]+");
    private static final Pattern DIGITS = Pattern.compile("^[0-9]+$");
    private static final String PREFIX = "80840";

    private Npis() {
    }

    /**
     * The 10-digit NPI with spaces and dashes removed.
     *
     * @param field the field name used in failure reasons, e.g. "provider npi"
     * @throws MappingException "FIELD is missing", "FIELD contains characters other than digits, spaces and dashes",
     *         "FIELD is not exactly 10 digits", "FIELD fails the NPI check digit"
     */
    public static String normalize(String raw, String field) {
        String s = raw == null ? "" : SEPARATORS.matcher(raw).replaceAll("");
        if (s.isEmpty()) {
            throw new MappingException(field + " is missing");
        }
        if (!DIGITS.matcher(s).matches()) {
            throw new MappingException(field + " contains characters other than digits, spaces and dashes");
        }
        if (s.length() != 10) {
            throw new MappingException(field + " is not exactly 10 digits");
        }
        if (!luhnValid(PREFIX + s)) {
            throw new MappingException(field + " fails the NPI check digit");
        }
        return s;
    }

    /** True when {@code npi} is 10 ASCII digits with a correct check digit. */
    public static boolean isValid(String npi) {
        return npi != null && npi.length() == 10 && DIGITS.matcher(npi).matches() && luhnValid(PREFIX + npi);
    }

    /** Standard Luhn over an all-digit string whose last digit is the check digit. */
    static boolean luhnValid(String digits) {
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }
}
