package io.medsync.nextgen;

import java.math.BigDecimal;

/**
 * The dose of one instruction as a label writes it: "1 tablet", "2 tablets", "1 to 2 tablets", "5 mL",
 * "0.5 to 1 mg". A dose without a unit takes the medication's countable dose form; without one it has no meaning,
 * and null is returned (the caller refuses).
 */
final class DosePhrase {

    private DosePhrase() {
    }

    static String of(FhirDosage d, String formUnit) {
        if (d.dose() != null) {
            return amount(d.dose().value(), null, unitOf(d.dose(), formUnit));
        }
        FhirQuantity low = d.doseLow();
        FhirQuantity high = d.doseHigh();
        FhirQuantity unitSource = high != null && SigWords.unit(high.unit()) != null ? high : low;
        String unit = unitOf(unitSource, formUnit);
        if (low != null && high != null) {
            return amount(low.value(), high.value(), unit);
        }
        // Half a range is still what the prescriber said: "up to 2 tablets", "at least 1 tablet".
        String one = amount((low != null ? low : high).value(), null, unit);
        return one == null ? null : (low != null ? "at least " : "up to ") + one;
    }

    /** The unit of a dose quantity: its own, else the countable dose form, else null. */
    static String unitOf(FhirQuantity q, String formUnit) {
        String unit = q == null ? null : SigWords.unit(q.unit());
        return unit != null ? unit : formUnit;
    }

    private static String amount(BigDecimal value, BigDecimal max, String unit) {
        if (unit == null || value == null) {
            return null;
        }
        String n = SigWords.number(value) + (max == null ? "" : " to " + SigWords.number(max));
        return n + " " + SigWords.unitFor(unit, max == null && SigWords.isOne(value));
    }
}
