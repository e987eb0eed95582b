package io.medsync.nexhealth;

import static io.medsync.mapping.TestData.CLINIC;
import static io.medsync.mapping.TestData.DEFAULTS;
import static io.medsync.mapping.TestData.NPI;
import static io.medsync.mapping.TestData.assertNoPhi;
import static io.medsync.nexhealth.NexHealthTestData.provider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.medsync.mapping.MappingException;
import io.medsync.mapping.TestData;
import io.medsync.nexhealth.NexHealthTestData.Bio;
import io.medsync.novamed.NovaMedPractitioner;
import io.medsync.tenant.MappingDefaults;

class NexHealthProviderMapperTest {

    private final NexHealthProviderMapper mapper = new NexHealthProviderMapper();

    private MappingException fail(NexHealthProvider p, MappingDefaults d) {
        MappingException e = catchThrowableOfType(MappingException.class, () -> mapper.map(p, d));
        assertThat(e).as("expected a MappingException").isNotNull();
        assertNoPhi(e, p, d);
        return e;
    }

    @Test
    void mapsACompleteProvider() {
        NexHealthBio bio = Bio.valid().phone("n/a").cell("(512) 555-0101").line2("Suite 5").state("texas")
                .zip("78701-1234").build();
        NovaMedPractitioner out = mapper.map(provider(" Grace ", "Hopper", "grace@example.com", "1234-567-893", bio),
                new MappingDefaults(CLINIC, true, null, null));
        assertThat(out).isEqualTo(new NovaMedPractitioner("Grace", "Hopper", "grace@example.com", NPI, true, CLINIC,
                "5125550101", "12 Oak St", "Suite 5", "Austin", "TX", "78701-1234"));
    }

    @ParameterizedTest(name = "[{index}] npi {0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            NULL         | provider npi is missing
            ''           | provider npi is missing
            ' - '        | provider npi is missing
            1234567890   | provider npi fails the NPI check digit
            1234567894   | provider npi fails the NPI check digit
            123456789    | provider npi is not exactly 10 digits
            12345678934  | provider npi is not exactly 10 digits
            12345/67893  | provider npi contains characters other than digits, spaces and dashes
            NPI1234567893| provider npi contains characters other than digits, spaces and dashes
            """)
    void badNpiFails(String npi, String reason) {
        assertThat(fail(provider("Grace", "Hopper", "grace@example.com", npi, Bio.valid().build()), DEFAULTS)
                .reason()).isEqualTo(reason);
    }

    @Test
    void validGeneratedNpi() {
        String npi = TestData.withCheckDigit("198765432");
        assertThat(mapper.map(provider("Grace", "Hopper", "g@example.com", npi, Bio.valid().build()), DEFAULTS)
                .npi()).isEqualTo(npi);
    }

    @ParameterizedTest(name = "[{index}] email {0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            NULL           | provider email is missing
            '  '           | provider email is missing
            grace@         | provider email is not a plausible email address
            none           | provider email is not a plausible email address
            """)
    void badEmailFails(String email, String reason) {
        assertThat(fail(provider("Grace", "Hopper", email, NPI, Bio.valid().build()), DEFAULTS).reason())
                .isEqualTo(reason);
    }

    @ParameterizedTest(name = "[{index}] {0} {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            G       | Hopper | provider first_name is shorter than 2 characters
            李      | Wang   | provider first_name is shorter than 2 characters
            NULL    | Hopper | provider first_name is missing
            Grace   | H      | provider last_name is shorter than 2 characters
            Grace   | ' '    | provider last_name is missing
            """)
    void badNamesFail(String first, String last, String reason) {
        assertThat(fail(provider(first, last, "g@example.com", NPI, Bio.valid().build()), DEFAULTS).reason())
                .isEqualTo(reason);
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Łukasz  | Nguyễn
            山田    | 太郎
            Øyvind  | O'Brien
            """)
    void unicodeNamesPass(String first, String last) {
        NovaMedPractitioner out = mapper.map(provider(first, last, "g@example.com", NPI, Bio.valid().build()),
                DEFAULTS);
        assertThat(out.firstName()).isEqualTo(first);
        assertThat(out.lastName()).isEqualTo(last);
    }

    @Test
    void incompleteBioAddressFallsBackToWholePracticeAddress() {
        // City missing in bio: nothing from the bio address may leak into the practice address.
        NexHealthBio bio = Bio.valid().city(null).line2("Apt 9").build();
        NovaMedPractitioner out = mapper.map(provider("Grace", "Hopper", "g@example.com", NPI, bio), DEFAULTS);
        assertThat(out.addressLine1()).isEqualTo("100 Practice Way");
        assertThat(out.addressLine2()).isEqualTo("Suite 200");
        assertThat(out.city()).isEqualTo("San Antonio");
        assertThat(out.stateCode()).isEqualTo("TX");
        assertThat(out.zipCode()).isEqualTo("78201");
        assertThat(out.phone()).isEqualTo("5125550100");
    }

    @Test
    void nullBioUsesPracticeAddressAndHasNoPhone() {
        NovaMedPractitioner out = mapper.map(provider("Grace", "Hopper", "g@example.com", NPI, null), DEFAULTS);
        assertThat(out.city()).isEqualTo("San Antonio");
        assertThat(out.phone()).isNull();
        assertThat(out.veterinarian()).isFalse();
        assertThat(out.assignedClinic()).isEqualTo(CLINIC);
    }

    @Test
    void practiceAddressStateNameIsNormalised() {
        MappingDefaults d = new MappingDefaults(CLINIC, false, null,
                new MappingDefaults.PracticeAddress("1 Main", null, "Houston", "Texas", "770021234"));
        NovaMedPractitioner out = mapper.map(provider("Grace", "Hopper", "g@example.com", NPI, null), d);
        assertThat(out.stateCode()).isEqualTo("TX");
        assertThat(out.zipCode()).isEqualTo("77002-1234");
    }

    @Test
    void noAddressAnywhereFails() {
        NexHealthBio bio = Bio.valid().line1(null).state("Tejas").build();
        assertThat(fail(provider("Grace", "Hopper", "g@example.com", NPI, bio),
                new MappingDefaults(CLINIC, false, null, null)).reason())
                .isEqualTo("provider bio address is incomplete (missing bio.address_line_1; invalid bio.state) "
                        + "and no practice address default is configured");
        MappingDefaults broken = new MappingDefaults(CLINIC, false, null,
                new MappingDefaults.PracticeAddress("1 Main", null, null, "XX", "1"));
        assertThat(fail(provider("Grace", "Hopper", "g@example.com", NPI, bio), broken).reason())
                .isEqualTo("provider bio address is incomplete (missing bio.address_line_1; invalid bio.state) "
                        + "and the practice address default is incomplete (missing city; invalid stateCode, zipCode)");
    }

    /** Issue 15 class 13: a provider with no email and an invalid NPI names both, and its address too. */
    @Test
    void everyProblemOfAProviderIsReportedAtOnce() {
        NexHealthBio bio = Bio.valid().line1(null).build();
        assertThat(fail(provider("G", "Hopper", null, "1234567890", bio),
                new MappingDefaults(CLINIC, false, null, null)).reasons()).containsExactly(
                        "provider first_name is shorter than 2 characters",
                        "provider email is missing",
                        "provider npi fails the NPI check digit",
                        "provider bio address is incomplete (missing bio.address_line_1) and no practice address "
                                + "default is configured");
    }

    @Test
    void phoneOptionalFirstValidInOrder() {
        NexHealthBio bio = Bio.valid().phone("123").cell("+44 20 7946 0958").home("1-212-555-0199 ext. 4")
                .work("5552345678").build();
        assertThat(mapper.map(provider("Grace", "Hopper", "g@example.com", NPI, bio), DEFAULTS).phone())
                .isEqualTo("2125550199");
        NexHealthBio none = Bio.valid().phone("000-000-0000").build();
        assertThat(mapper.map(provider("Grace", "Hopper", "g@example.com", NPI, none), DEFAULTS).phone()).isNull();
    }

    @Test
    void nullsEverywhere() {
        assertThat(fail(null, DEFAULTS).reason()).isEqualTo("provider record is missing");
        NexHealthProvider allNull = new NexHealthProvider(0, null, null, null, null, null, null, null, null, null,
                null, null);
        assertThat(fail(allNull, DEFAULTS).reasons()).containsExactly("provider first_name is missing",
                "provider last_name is missing", "provider email is missing", "provider npi is missing");
        assertThat(fail(allNull, null).reason()).isEqualTo("mapping defaults are missing");
    }
}
