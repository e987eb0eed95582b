package io.medsync.nextgen;

import java.math.BigDecimal;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A FHIR {@code Timing} (R4 and DSTU2) reduced to what a sig states. Units of time are UCUM codes (s, min, h, d, wk,
 * mo, a); {@code when} holds event-timing codes (HS, AC, PC, MORN...); DSTU2 has at most one {@code when} and no
 * {@code timeOfDay}, {@code dayOfWeek} or {@code offset}.
 *
 * @param code        the timing abbreviation's text (e.g. "BID"), used only when there is no {@code repeat}
 * @param boundsStart {@code boundsPeriod.start} as written, or null
 * @param boundsEnd   {@code boundsPeriod.end} as written, or null
 */
@RegisterForReflection
public record FhirTiming(
        String code,
        Integer frequency,
        Integer frequencyMax,
        BigDecimal period,
        BigDecimal periodMax,
        String periodUnit,
        List<String> dayOfWeek,
        List<String> timeOfDay,
        List<String> when,
        Integer offset,
        Integer count,
        Integer countMax,
        BigDecimal duration,
        String durationUnit,
        FhirQuantity boundsDuration,
        String boundsStart,
        String boundsEnd) {

    public FhirTiming {
        dayOfWeek = dayOfWeek == null ? List.of() : List.copyOf(dayOfWeek);
        timeOfDay = timeOfDay == null ? List.of() : List.copyOf(timeOfDay);
        when = when == null ? List.of() : List.copyOf(when);
    }
}
