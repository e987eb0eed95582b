package io.medsync.nexhealth;

import static io.medsync.mapping.TestData.CLINIC;
import static io.medsync.mapping.TestData.CLOCK;
import static io.medsync.mapping.TestData.assertNoPhi;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.medsync.mapping.BirthDates;
import io.medsync.mapping.Emails;
import io.medsync.mapping.MappingException;
import io.medsync.mapping.Names;
import io.medsync.mapping.Npis;
import io.medsync.mapping.TestData;
import io.medsync.mapping.UsStates;
import io.medsync.mapping.ZipCodes;
import io.medsync.novamed.NovaMedPatient;
import io.medsync.novamed.NovaMedPractitioner;
import io.medsync.tenant.MappingDefaults;

/**
 * Property-style: random records with random nulls and garbage (fixed seed, so failures reproduce). Every record
 * either maps to something satisfying the NovaMed contract or fails with a known, value-free reason.
 */
class MappingPropertyTest {

    private static final int RUNS = 2_000;
    private static final LocalDate TODAY = LocalDate.now(CLOCK);
    private static final Pattern TEN_DIGITS = Pattern.compile("^[2-9][0-9]{2}[2-9][0-9]{6}$");
    private static final Pattern STATE = Pattern.compile("^[A-Z]{2}$");
    private static final Set<String> GENDERS = Set.of("male", "female", "other", "unknown");
    private static final String FIELD = "(first_name|last_name|email|npi)";
    private static final String ADDR = "[a-zA-Z_0-9.]+(, [a-zA-Z_0-9.]+)*";
    private static final String PROBLEMS = "(missing " + ADDR + "(; invalid " + ADDR + ")?|invalid " + ADDR + ")";
    /** Every reason a mapper may give; anything else (including "unexpected ...") is a bug. */
    private static final List<Pattern> KNOWN_REASONS = List.of(
            Pattern.compile("^(patient|provider) " + FIELD + " is missing$"),
            Pattern.compile("^(patient|provider) (first|last)_name is shorter than 2 characters$"),
            Pattern.compile("^(patient|provider) (first|middle|last)_name is longer than 100 characters$"),
            Pattern.compile("^provider email is not a plausible email address$"),
            Pattern.compile("^provider npi (contains characters other than digits, spaces and dashes"
                    + "|is not exactly 10 digits|fails the NPI check digit)$"),
            Pattern.compile("^patient bio\\.date_of_birth (is missing|is partial \\(year or year-month only\\)"
                    + "|is not in a recognised date format|is not a valid calendar date|is in the future)$"),
            Pattern.compile("^patient bio address is incomplete \\(" + PROBLEMS + "\\)$"),
            Pattern.compile("^provider bio address is incomplete \\(" + PROBLEMS + "\\) and ("
                    + "no practice address default is configured"
                    + "|the practice address default is incomplete \\(" + PROBLEMS + "\\))$"));

    // Each pool: {usable values}, {bad values}. A record's "chaos" decides how often the bad side is drawn.
    private static final String[][] NAMES = { { "José", "Zoë", "Nguyễn", "Øyvind", "Łukasz", "Siobhán", "O'Brien",
            "Anne-Marie", "Müller", "山田", "  Ed ", "Zo\u0065\u0308", "Ξένια", "Ольга", "محمد", "Mary\tJo",
            "x".repeat(500) },
            { "李", "J", "", "   ", "\t\n", "A\u030A", "\uD83D\uDE00", "\uD800", "\u0000\u0001", "Robert'); DROP TABLE",
                    "<script>" } };
    private static final String[][] EMAILS = { { "jane@example.com", " a.b+c@mail.example.org ", "JANE@EXAMPLE.COM" },
            { "n/a", "none", "x@y", "@example.com", "josé@example.com", "a..b@example.com", "" } };
    private static final String[][] PHONES = { { "5552345678", "(555) 234-5678", "555-234-5678", "555.234.5678",
            "+1 555 234 5678", "1-555-234-5678", "+15552345678", "555-234-5678 x12", "555-234-5678 ext. 12",
            "+1 (212) 555-0199" },
            { "(555) 123-4567", "555-1234", "+44 20 7946 0958", "055-234-5678", "555-034-5678", "555-CALL-NOW",
                    "１２３４５６７８９０", "000-000-0000", "", "n/a" } };
    private static final String[][] DOBS = { { "1964-05-03", "1964-05-03T00:00:00Z", "1985-03-15T18:30:00.000Z",
            "03/15/1985", "2025-06-15" },
            { "1964-05", "1964", "2099-01-01", "2025-06-16", "1999-02-29", "13/13/2000", "yesterday", "",
                    "0000-00-00", "9999-12-31T23:59:59Z", "1985-03-15T25:61:00Z", "٢٠٠٠-٠١-٠١" } };
    private static final String[][] STATES = { { "TX", "tx", "Texas", "NEW YORK", "District of Columbia", "D.C.",
            "Puerto Rico", "Guam" }, { "XX", "Ontario", "", "Tëxas" } };
    private static final String[][] ZIPS = { { "78701", "78701-1234", "787011234", " 02134 " },
            { "2134", "ABCDE", "", "７８７０１", "78701-" } };
    private static final String[][] GENDER_IN = { { "Female", "F", "female", "woman", "Male", "M", "Other",
            "Non-binary", "X", "Unknown" }, { "", "🙂" } };
    private static final String[][] LINES = { { "12 Oak St", "  9   Elm Rd ", "Apt 4", "PO Box 1", "Calle Ñandú 5" },
            { "", "\t" } };
    private static final String[][] CITIES = { { "Austin", "San  Antonio", "Saint-Jérôme", "東京" }, { "", " " } };
    private static final String[][] NPIS = { { TestData.NPI, "1234-567-893", TestData.withCheckDigit("198765432"),
            "1234 567 893" }, { "1234567890", "123456789", "NPI", "", "12345678931" } };

    private final Random random = new Random(20250615L);
    /** Per record: probability that a field is drawn from the bad side (null, garbage or a bad pool value). */
    private double chaos;

    @Test
    void randomPatientsMapToContractOrFailCleanly() {
        NexHealthPatientMapper mapper = new NexHealthPatientMapper(CLOCK);
        Set<String> reasons = new TreeSet<>();
        int mapped = 0;
        for (int i = 0; i < RUNS; i++) {
            chaos = random.nextInt(4) == 0 ? 0.0 : random.nextDouble() * 0.4;
            NexHealthPatient p = new NexHealthPatient(random.nextLong(), pick(EMAILS), pick(NAMES), pick(NAMES),
                    pick(NAMES), pick(NAMES), null, null, maybeLong(), garbage(), bio(),
                    random.nextInt(3) == 0 ? null : random.nextBoolean(), maybeLong());
            MappingDefaults d = new MappingDefaults(CLINIC, random.nextBoolean(),
                    random.nextBoolean() ? "human" : null, null);
            try {
                NovaMedPatient out = mapper.map(p, d);
                mapped++;
                assertPatientContract(out, d);
            } catch (MappingException e) {
                assertNoPhi(e, p);
                e.reasons().forEach(MappingPropertyTest::assertKnown);
                reasons.addAll(e.reasons());
            }
        }
        // The generator must exercise both outcomes, or the property says little.
        assertThat(mapped).isBetween(RUNS / 50, RUNS - RUNS / 50);
        assertThat(reasons.size()).isGreaterThan(5);
    }

    @Test
    void randomProvidersMapToContractOrFailCleanly() {
        NexHealthProviderMapper mapper = new NexHealthProviderMapper();
        int mapped = 0;
        for (int i = 0; i < RUNS; i++) {
            chaos = random.nextInt(4) == 0 ? 0.0 : random.nextDouble() * 0.4;
            NexHealthProvider p = new NexHealthProvider(random.nextLong(), pick(EMAILS), pick(NAMES), pick(NAMES),
                    pick(NAMES), null, null, maybeLong(), bio(), random.nextBoolean() ? null : random.nextBoolean(),
                    pick(NPIS), garbage());
            MappingDefaults.PracticeAddress practice = random.nextDouble() < chaos ? null
                    : new MappingDefaults.PracticeAddress(pick(LINES), pick(LINES), pick(CITIES), pick(STATES),
                            pick(ZIPS));
            MappingDefaults d = new MappingDefaults(CLINIC, random.nextBoolean(), null, practice);
            try {
                NovaMedPractitioner out = mapper.map(p, d);
                mapped++;
                assertThat(Names.codePointLength(out.firstName())).isGreaterThanOrEqualTo(2);
                assertThat(Names.codePointLength(out.lastName())).isGreaterThanOrEqualTo(2);
                assertThat(Emails.plausible(out.email())).contains(out.email());
                assertThat(Npis.isValid(out.npi())).isTrue();
                assertThat(out.veterinarian()).isEqualTo(d.veterinarian());
                assertThat(out.assignedClinic()).isEqualTo(CLINIC);
                assertThat(out.addressLine1()).isNotBlank();
                assertThat(out.city()).isNotBlank();
                assertThat(UsStates.isCode(out.stateCode())).isTrue();
                assertThat(out.zipCode()).matches(ZipCodes.VALID);
                if (out.phone() != null) {
                    assertThat(out.phone()).matches(TEN_DIGITS);
                }
            } catch (MappingException e) {
                assertNoPhi(e, p, d);
                e.reasons().forEach(MappingPropertyTest::assertKnown);
            }
        }
        assertThat(mapped).isBetween(RUNS / 50, RUNS - RUNS / 50);
    }

    private static void assertPatientContract(NovaMedPatient out, MappingDefaults d) {
        assertThat(Names.codePointLength(out.firstName())).isGreaterThanOrEqualTo(2);
        assertThat(out.firstName()).isEqualTo(out.firstName().strip());
        assertThat(out.lastName()).isNotBlank();
        if (out.middleName() != null) {
            assertThat(out.middleName()).isNotBlank();
        }
        assertThat(GENDERS).contains(out.gender());
        assertThat(out.dob()).matches(BirthDates.VALID);
        assertThat(LocalDate.parse(out.dob())).isBeforeOrEqualTo(TODAY);
        assertThat(out.status()).isIn("active", "inactive");
        assertThat(out.species()).isEqualTo(d.species());
        assertThat(out.practitionerId()).isNull();
        assertThat(out.assignedClinic()).isEqualTo(CLINIC);
        if (out.contacts() != null) {
            assertThat(out.contacts()).isNotEmpty();
            assertThat(out.contacts()).allSatisfy(c -> {
                assertThat(c.key()).isIn("email", "phone");
                if (c.key().equals("phone")) {
                    assertThat(c.value()).matches(TEN_DIGITS);
                } else {
                    assertThat(Emails.plausible(c.value())).contains(c.value());
                }
            });
            assertThat(out.contacts()).doesNotHaveDuplicates();
        }
        assertThat(out.addresses()).hasSize(1);
        NovaMedPatient.Address a = out.addresses().get(0);
        assertThat(a.addressLine1()).isNotBlank();
        assertThat(a.city()).isNotBlank();
        assertThat(a.state()).matches(STATE);
        assertThat(UsStates.isCode(a.state())).isTrue();
        assertThat(a.postalCode()).matches(ZipCodes.VALID);
    }

    private static void assertKnown(String reason) {
        assertThat(KNOWN_REASONS).as("unknown reason: %s", reason).anyMatch(p -> p.matcher(reason).matches());
    }

    private NexHealthBio bio() {
        if (random.nextDouble() < chaos / 4) {
            return null;
        }
        if (random.nextDouble() < chaos / 8) {
            return NexHealthBio.empty();
        }
        return new NexHealthBio(pick(CITIES), pick(STATES), pick(GENDER_IN), pick(ZIPS), maybeBool(), maybeBool(),
                pick(PHONES), pick(DOBS), pick(LINES), pick(LINES), pick(LINES), pick(PHONES), pick(PHONES),
                pick(PHONES));
    }

    /** Usually a usable value; with probability {@code chaos}: null, random garbage or a bad value. */
    private String pick(String[][] pool) {
        if (random.nextDouble() >= chaos) {
            return pool[0][random.nextInt(pool[0].length)];
        }
        int r = random.nextInt(3);
        if (r == 0) {
            return null;
        }
        if (r == 1) {
            return garbage();
        }
        return pool[1][random.nextInt(pool[1].length)];
    }

    private String garbage() {
        int len = random.nextInt(24);
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append((char) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0x10000)));
        }
        return sb.toString();
    }

    private Long maybeLong() {
        return random.nextBoolean() ? null : (long) random.nextInt(1000);
    }

    private Boolean maybeBool() {
        return random.nextBoolean() ? null : random.nextBoolean();
    }
}
