package io.medsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.medsync.nexhealth.NexHealthBio;
import io.medsync.nexhealth.NexHealthPatient;
import io.medsync.nexhealth.NexHealthProvider;

/** Builders and PHI assertions shared by the mapping tests. */
final class TestData {

    static final String CLINIC = "550e8400-e29b-41d4-a716-446655440001";
    static final MappingDefaults.PracticeAddress PRACTICE =
            new MappingDefaults.PracticeAddress("100 Practice Way", "Suite 200", "San Antonio", "TX", "78201");
    static final MappingDefaults DEFAULTS = new MappingDefaults(CLINIC, false, "human", PRACTICE);
    /** "Today" for every test: 2025-06-15 (UTC). */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-15T12:00:00Z"), ZoneOffset.UTC);
    /** A valid NPI (the CMS documentation example). */
    static final String NPI = "1234567893";

    private TestData() {
    }

    /** Mutable builder for the 14-field bio record. */
    static final class Bio {
        String city = "Austin", state = "TX", gender = "Female", zipCode = "78701", phoneNumber = "(512) 555-0100",
                dateOfBirth = "1964-05-03", addressLine1 = "12 Oak St", addressLine2 = null, streetAddress = null,
                cellPhoneNumber = null, homePhoneNumber = null, workPhoneNumber = null;

        static Bio valid() {
            return new Bio();
        }

        static Bio blank() {
            Bio b = new Bio();
            b.city = b.state = b.gender = b.zipCode = b.phoneNumber = b.dateOfBirth = b.addressLine1 = null;
            return b;
        }

        Bio city(String v) { city = v; return this; }
        Bio state(String v) { state = v; return this; }
        Bio gender(String v) { gender = v; return this; }
        Bio zip(String v) { zipCode = v; return this; }
        Bio phone(String v) { phoneNumber = v; return this; }
        Bio cell(String v) { cellPhoneNumber = v; return this; }
        Bio home(String v) { homePhoneNumber = v; return this; }
        Bio work(String v) { workPhoneNumber = v; return this; }
        Bio dob(String v) { dateOfBirth = v; return this; }
        Bio line1(String v) { addressLine1 = v; return this; }
        Bio line2(String v) { addressLine2 = v; return this; }
        Bio street(String v) { streetAddress = v; return this; }

        NexHealthBio build() {
            return new NexHealthBio(city, state, gender, zipCode, null, null, phoneNumber, dateOfBirth, addressLine1,
                    addressLine2, streetAddress, cellPhoneNumber, homePhoneNumber, workPhoneNumber);
        }
    }

    static NexHealthPatient patient(String first, String last, String email, NexHealthBio bio) {
        return patient(first, null, last, email, bio, false, 7L);
    }

    static NexHealthPatient patient(String first, String middle, String last, String email, NexHealthBio bio,
            Boolean inactive, Long providerId) {
        String name = first == null && last == null ? null : first + " " + last;
        return new NexHealthPatient(101L, email, first, middle, last, name, Instant.parse("2024-01-01T00:00:00Z"),
                Instant.parse("2024-02-01T00:00:00Z"), 1L, "F-101", bio, inactive, providerId);
    }

    static NexHealthProvider provider(String first, String last, String email, String npi, NexHealthBio bio) {
        return new NexHealthProvider(55L, email, first, last, first + " " + last, null, null, 1L, bio, false, npi,
                "363L00000X");
    }

    /** Appends the check digit that makes {@code nineDigits} a valid NPI. */
    static String withCheckDigit(String nineDigits) {
        for (int d = 0; d <= 9; d++) {
            if (Npis.luhnValid("80840" + nineDigits + d)) {
                return nineDigits + d;
            }
        }
        throw new AssertionError("unreachable");
    }

    /** Every string component (recursively through records and collections) of the given inputs. */
    static List<String> stringValues(Object... inputs) {
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
    static void assertNoPhi(MappingException e, Object... inputs) {
        String reason = e.reason();
        assertThat(reason).isNotBlank();
        // Reasons are built from field names and fixed words only: plain ASCII, no digits beyond rule numbers.
        assertThat(reason).matches("[A-Za-z0-9_ .,;:()/\\-]+");
        for (String value : stringValues(inputs)) {
            String v = value.strip();
            if (v.length() >= 4) {
                assertThat(reason).as("reason leaks an input value").doesNotContain(v);
            }
        }
    }
}
