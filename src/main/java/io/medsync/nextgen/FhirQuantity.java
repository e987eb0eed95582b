package io.medsync.nextgen;

import java.math.BigDecimal;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A FHIR Quantity reduced to what the mappers use; {@code unit} is the display unit, else the code. */
@RegisterForReflection
public record FhirQuantity(BigDecimal value, String unit) {

    /** The value without trailing zeros, in plain notation ("200", "0.5", never "2E+2"). */
    public BigDecimal plainValue() {
        return value == null ? null : new BigDecimal(value.stripTrailingZeros().toPlainString());
    }

    /** As written on a label: "200 mg", "0.5 mL", or just "2" without a unit. */
    public String display() {
        String amount = plainValue() == null ? "" : plainValue().toPlainString();
        return unit == null || unit.isBlank() ? amount : amount + " " + unit.strip();
    }
}
