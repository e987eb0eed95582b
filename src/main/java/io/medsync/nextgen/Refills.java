package io.medsync.nextgen;

import java.math.BigDecimal;

import io.medsync.mapping.MappingException;

/**
 * {@code dispenseRequest.numberOfRepeatsAllowed} as NovaMed's refills. The contract types refills as a string, so no
 * schema stops "-1": it is checked here. Absent means the prescriber stated none, and the field is left out (NovaMed's
 * own default applies); nothing is assumed.
 */
final class Refills {

    /** Beyond this a value is a source error (a year of daily refills is 365 fills, not refills of a supply). */
    static final int MAX = 99;
    private static final String FIELD = "medication order refills (dispenseRequest.numberOfRepeatsAllowed)";

    private Refills() {
    }

    /**
     * @return the number of refills, or null when the source states none
     * @throws MappingException when it is not a whole number, negative, or above {@link #MAX}
     */
    static Integer parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        BigDecimal value;
        try {
            value = new BigDecimal(raw.strip());
        } catch (NumberFormatException e) {
            throw new MappingException(FIELD + " is not a whole number");
        }
        if (value.signum() < 0) {
            throw new MappingException(FIELD + " is negative");
        }
        if (value.stripTrailingZeros().scale() > 0) {
            throw new MappingException(FIELD + " is not a whole number");
        }
        if (value.compareTo(BigDecimal.valueOf(MAX)) > 0) {
            throw new MappingException(FIELD + " is more than " + MAX);
        }
        return value.intValueExact();
    }
}
