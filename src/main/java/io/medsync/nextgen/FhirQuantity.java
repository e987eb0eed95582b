package io.medsync.nextgen;

import java.math.BigDecimal;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A FHIR Quantity reduced to what the mappers use; {@code unit} is the display unit, else the code. */
@RegisterForReflection
public record FhirQuantity(BigDecimal value, String unit) {
}
