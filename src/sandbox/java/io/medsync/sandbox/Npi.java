package io.medsync.sandbox;

/**
 * NPI check digit: the Luhn algorithm over the 9 leading digits prefixed with the card issuer prefix 80840, as
 * CMS specifies for National Provider Identifiers.
 */
public final class Npi {

    private static final String ISSUER_PREFIX = "80840";

    private Npi() {
    }

    /** The check digit for a 9-digit NPI body. */
    public static int checkDigit(String nineDigits) {
        if (!nineDigits.matches("\\d{9}")) {
            throw new IllegalArgumentException("An NPI body has 9 digits");
        }
        String payload = ISSUER_PREFIX + nineDigits;
        int sum = 0;
        boolean doubleIt = true; // the digit next to the (absent) check digit is doubled
        for (int i = payload.length() - 1; i >= 0; i--) {
            int d = payload.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return (10 - sum % 10) % 10;
    }

    /** True for exactly 10 digits whose last digit is the Luhn check digit of the first nine. */
    public static boolean isValid(String npi) {
        return npi != null && npi.matches("\\d{10}")
                && checkDigit(npi.substring(0, 9)) == npi.charAt(9) - '0';
    }
}
