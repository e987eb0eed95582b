package io.medsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.medsync.tenant.MappingDefaults;

/** Tenant defaults, a fixed clock and the PHI assertion shared by every source's mapper tests. */
public final class TestData {

    public static final String CLINIC = "550e8400-e29b-41d4-a716-446655440001";
    public static final MappingDefaults.PracticeAddress PRACTICE =
            new MappingDefaults.PracticeAddress("100 Practice Way", "Suite 200", "San Antonio", "TX", "78201");
    public static final MappingDefaults DEFAULTS = new MappingDefaults(CLINIC, false, "human", PRACTICE);
    /** "Today" for every test: 2025-06-15 (UTC). */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-15T12:00:00Z"), ZoneOffset.UTC);
    /** A valid NPI (the CMS documentation example). */
    public static final String NPI = "1234567893";

    private TestData() {
    }

    /** Appends the check digit that makes {@code nineDigits} a valid NPI. */
    public static String withCheckDigit(String nineDigits) {
        for (int d = 0; d <= 9; d++) {
            if (Npis.luhnValid("80840" + nineDigits + d)) {
                return nineDigits + d;
            }
        }
        throw new AssertionError("unreachable");
    }

    /** Every string component (recursively through records and collections) of the given inputs. */
    public static List<String> stringValues(Object... inputs) {
        List<String> out = new ArrayList<>();
        for (Object input : inputs) {
            collect(input, out);
        }
        return out;
    }

    private static void collect(Object o, List<String> out) {
        if (o == null) {
            return;
        }
        if (o instanceof String s) {
            out.add(s);
            return;
        }
        if (o instanceof java.util.Collection<?> values) {
            values.forEach(v -> collect(v, out));
            return;
        }
        if (o.getClass().isRecord()) {
            for (RecordComponent rc : o.getClass().getRecordComponents()) {
                try {
                    collect(rc.getAccessor().invoke(o), out);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    /**
     * The reason must not contain any input value (PHI), raw or trimmed. Values shorter than 4 characters after
     * trimming are skipped: they would match ordinary words of the reason ("is", "bio") by accident.
     */
    public static void assertNoPhi(MappingException e, Object... inputs) {
        String reason = e.reason();
        assertThat(reason).isNotBlank();
        // Reasons are built from field names and fixed words only: plain ASCII, no digits beyond rule numbers.
        assertThat(reason).matches("[A-Za-z0-9_ .,;:()\\[\\]/\\-]+");
        for (String value : stringValues(inputs)) {
            String v = value.strip();
            if (v.length() >= 4) {
                assertThat(reason).as("reason leaks an input value").doesNotContain(v);
            }
        }
    }
}
