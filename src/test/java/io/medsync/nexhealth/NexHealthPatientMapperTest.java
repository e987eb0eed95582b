package io.medsync.nexhealth;

import static io.medsync.mapping.TestData.CLINIC;
import static io.medsync.mapping.TestData.CLOCK;
import static io.medsync.mapping.TestData.DEFAULTS;
import static io.medsync.mapping.TestData.assertNoPhi;
import static io.medsync.nexhealth.NexHealthTestData.patient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.medsync.mapping.MappingException;
import io.medsync.nexhealth.NexHealthTestData.Bio;
import io.medsync.novamed.NovaMedPatient;
import io.medsync.novamed.NovaMedPatient.Address;
import io.medsync.novamed.NovaMedPatient.Contact;
import io.medsync.tenant.MappingDefaults;

class NexHealthPatientMapperTest {

    private final NexHealthPatientMapper mapper = new NexHealthPatientMapper(CLOCK);

    private NovaMedPatient map(NexHealthPatient p) {
        return mapper.map(p, DEFAULTS);
    }

    private MappingException fail(NexHealthPatient p) {
        MappingException e = catchThrowableOfType(MappingException.class, () -> map(p));
        assertThat(e).as("expected a MappingException").isNotNull();
        assertNoPhi(e, p);
        return e;
    }

    @Test
    void mapsACompletePatient() {
        NexHealthPatient p = patient(" Jane ", "Q", "Doe", "jane.doe@example.com",
                Bio.valid().cell("+1 (512) 555-0199").line2("Apt 4").build(), false, 7L);
        NovaMedPatient out = map(p);
        assertThat(out).isEqualTo(new NovaMedPatient("Jane", "Q", "Doe", "female", "1964-05-03", "human", "active",
                null, CLINIC,
                List.of(new Contact("email", "jane.doe@example.com"), new Contact("phone", "5125550199"),
                        new Contact("phone", "5125550100")),
                List.of(new Address("12 Oak St", "Apt 4", "Austin", "TX", "78701"))));
    }

    @Test
    void defaultConstructorUsesSystemClockAndIsUsable() {
        NovaMedPatient out = new NexHealthPatientMapper().map(patient("Jane", "Doe", null, Bio.valid().build()),
                DEFAULTS);
        assertThat(out.dob()).isEqualTo("1964-05-03");
    }

    @ParameterizedTest(name = "[{index}] first={0} last={1}")
    @CsvSource(delimiter = '|', textBlock = """
            José     | García     | José     | García
            Zoë      | Saldaña    | Zoë      | Saldaña
            Thi      | Nguyễn     | Thi      | Nguyễn
            Øyvind   | Ødegård    | Øyvind   | Ødegård
            Łukasz   | Wiśniewski | Łukasz   | Wiśniewski
            Siobhán  | O'Brien    | Siobhán  | O'Brien
            Anne-Marie | Müller   | Anne-Marie | Müller
            山田     | 太郎       | 山田     | 太郎
            Al       | Li         | Al       | Li
            Bo       | X          | Bo       | X
            ' Ed  '  | ' Wu '     | Ed       | Wu
            """)
    void unicodeNamesPass(String first, String last, String expectedFirst, String expectedLast) {
        NovaMedPatient out = map(patient(first, last, null, Bio.valid().build()));
        assertThat(out.firstName()).isEqualTo(expectedFirst);
        assertThat(out.lastName()).isEqualTo(expectedLast);
    }

    @Test
    void decomposedNamesAreNfcNormalised() {
        NovaMedPatient out = map(patient("Zo\u0065\u0308", "Nguye\u0302\u0303n", null, Bio.valid().build()));
        assertThat(out.firstName()).isEqualTo("Zo\u00EB");
        assertThat(out.lastName()).isEqualTo("Nguy\u1EC5n");
    }

    @ParameterizedTest(name = "[{index}] first={0} last={1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            李     | Wang  | patient first_name is shorter than 2 characters
            J      | Smith | patient first_name is shorter than 2 characters
            ' J '  | Smith | patient first_name is shorter than 2 characters
            NULL   | Smith | patient first_name is missing
            '   '  | Smith | patient first_name is missing
            Jane   | NULL  | patient last_name is missing
            Jane   | ' '   | patient last_name is missing
            """)
    void badNamesFail(String first, String last, String reason) {
        assertThat(fail(patient(first, last, "jane@example.com", Bio.valid().build())).reason()).isEqualTo(reason);
    }

    @Test
    void middleNameOptional() {
        assertThat(map(patient("Jane", "  ", "Doe", null, Bio.valid().build(), false, 1L)).middleName()).isNull();
        assertThat(map(patient("Jane", null, "Doe", null, Bio.valid().build(), false, 1L)).middleName()).isNull();
        assertThat(map(patient("Jane", " Ann ", "Doe", null, Bio.valid().build(), false, 1L)).middleName())
                .isEqualTo("Ann");
    }

    @ParameterizedTest(name = "[{index}] inactive={0} -> {1}")
    @CsvSource(nullValues = "NULL", value = { "true,inactive", "false,active", "NULL,active" })
    void status(Boolean inactive, String expected) {
        assertThat(map(patient("Jane", null, "Doe", null, Bio.valid().build(), inactive, 1L)).status())
                .isEqualTo(expected);
    }

    @Test
    void nullProviderIdIsIrrelevant() {
        NovaMedPatient out = map(patient("Jane", null, "Doe", null, Bio.valid().build(), false, null));
        assertThat(out.practitionerId()).isNull();
        assertThat(out.firstName()).isEqualTo("Jane");
    }

    @ParameterizedTest(name = "[{index}] gender {0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            Female     | female
            F          | female
            female     | female
            woman      | female
            Male       | male
            M          | male
            Other      | other
            Non-binary | other
            X          | other
            Unknown    | unknown
            Declined   | unknown
            NULL       | unknown
            """)
    void gender(String raw, String expected) {
        assertThat(map(patient("Jane", "Doe", null, Bio.valid().gender(raw).build())).gender()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] dob {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1964-05-03               | 1964-05-03
            1964-05-03T00:00:00Z     | 1964-05-03
            1985-03-15T18:30:00.000Z | 1985-03-15
            03/15/1985               | 1985-03-15
            """)
    void dobFormats(String raw, String expected) {
        assertThat(map(patient("Jane", "Doe", null, Bio.valid().dob(raw).build())).dob()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] dob {0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            NULL        | patient bio.date_of_birth is missing
            1964-05     | patient bio.date_of_birth is partial (year or year-month only)
            1964        | patient bio.date_of_birth is partial (year or year-month only)
            2031-01-01  | patient bio.date_of_birth is in the future
            02/30/1990  | patient bio.date_of_birth is not a valid calendar date
            yesterday   | patient bio.date_of_birth is not in a recognised date format
            """)
    void badDobFails(String raw, String reason) {
        assertThat(fail(patient("Jane", "Doe", "jane@example.com", Bio.valid().dob(raw).build())).reason())
                .isEqualTo(reason);
    }

    @Test
    void nullOrEmptyBioNamesTheBirthDateAndEveryAddressPart() {
        String address = "patient bio address is incomplete "
                + "(missing bio.address_line_1, bio.city, bio.state, bio.zip_code)";
        assertThat(fail(patient("Jane", "Doe", "jane@example.com", null)).reasons())
                .containsExactly("patient bio.date_of_birth is missing", address);
        assertThat(fail(patient("Jane", "Doe", "jane@example.com", NexHealthBio.empty())).reasons())
                .containsExactly("patient bio.date_of_birth is missing", address);
    }

    /** Issue 15 class 13: an operator fixes the source in one go. */
    @Test
    void everyProblemOfAPatientIsReportedAtOnce() {
        NexHealthBio bio = Bio.valid().dob("2031-01-01").zip(null).build();
        assertThat(fail(patient("J", "x".repeat(101), "jane@example.com", bio)).reasons()).containsExactly(
                "patient first_name is shorter than 2 characters",
                "patient last_name is longer than 100 characters",
                "patient bio.date_of_birth is in the future",
                "patient bio address is incomplete (missing bio.zip_code)");
    }

    @Test
    void bioWithOnlyDobFailsNamingEveryAddressPart() {
        assertThat(fail(patient("Jane", "Doe", null, Bio.blank().dob("1970-01-01").build())).reason())
                .isEqualTo("patient bio address is incomplete "
                        + "(missing bio.address_line_1, bio.city, bio.state, bio.zip_code)");
    }

    @Test
    void theDocumentedAddressObjectServesWhenTheBioHasNoAddress() {
        NexHealthPatient bioOnlyDob = patient("Jane", "Doe", null, Bio.blank().dob("1970-01-01").build());
        NexHealthPatient p = new NexHealthPatient(bioOnlyDob.id(), bioOnlyDob.email(), bioOnlyDob.firstName(),
                bioOnlyDob.middleName(), bioOnlyDob.lastName(), bioOnlyDob.name(), bioOnlyDob.createdAt(),
                bioOnlyDob.updatedAt(), bioOnlyDob.institutionId(), bioOnlyDob.foreignId(), bioOnlyDob.bio(),
                bioOnlyDob.inactive(), bioOnlyDob.providerId(),
                new NexHealthAddress("333 Bush Street", "Apt 4B", "New York", "NY", "10004"));

        assertThat(mapper.map(p, DEFAULTS).addresses())
                .containsExactly(new Address("333 Bush Street", "Apt 4B", "New York", "NY", "10004"));
    }

    static Stream<Arguments> addresses() {
        return Stream.of(
                Arguments.of((UnaryOperator<Bio>) b -> b.state("texas").zip("78701-1234"),
                        new Address("12 Oak St", null, "Austin", "TX", "78701-1234")),
                Arguments.of((UnaryOperator<Bio>) b -> b.state("District of Columbia").zip("200011234"),
                        new Address("12 Oak St", null, "Austin", "DC", "20001-1234")),
                Arguments.of((UnaryOperator<Bio>) b -> b.state("Puerto Rico").zip("00901"),
                        new Address("12 Oak St", null, "Austin", "PR", "00901")),
                Arguments.of((UnaryOperator<Bio>) b -> b.line1(null).street("9 Elm Rd").line2("  "),
                        new Address("9 Elm Rd", null, "Austin", "TX", "78701")),
                Arguments.of((UnaryOperator<Bio>) b -> b.line1(" ").street("9 Elm Rd").line2("Unit 2"),
                        new Address("9 Elm Rd", "Unit 2", "Austin", "TX", "78701")),
                Arguments.of((UnaryOperator<Bio>) b -> b.line1("12  Oak   St ").city(" San  Antonio "),
                        new Address("12 Oak St", null, "San Antonio", "TX", "78701")));
    }

    @ParameterizedTest
    @MethodSource("addresses")
    void addressNormalised(UnaryOperator<Bio> edit, Address expected) {
        assertThat(map(patient("Jane", "Doe", null, edit.apply(Bio.valid()).build())).addresses())
                .containsExactly(expected);
    }

    static Stream<Arguments> incompleteAddresses() {
        return Stream.of(
                Arguments.of((UnaryOperator<Bio>) b -> b.line1(null), "missing bio.address_line_1"),
                Arguments.of((UnaryOperator<Bio>) b -> b.city(" "), "missing bio.city"),
                Arguments.of((UnaryOperator<Bio>) b -> b.state(null).zip(null), "missing bio.state, bio.zip_code"),
                Arguments.of((UnaryOperator<Bio>) b -> b.state("Tejas"), "invalid bio.state"),
                Arguments.of((UnaryOperator<Bio>) b -> b.zip("7870"), "invalid bio.zip_code"),
                Arguments.of((UnaryOperator<Bio>) b -> b.city(null).state("Ontario").zip("K1A 0B1"),
                        "missing bio.city; invalid bio.state, bio.zip_code"));
    }

    @ParameterizedTest
    @MethodSource("incompleteAddresses")
    void incompleteAddressFails(UnaryOperator<Bio> edit, String problems) {
        NexHealthPatient p = patient("Jane", "Doe", "jane@example.com", edit.apply(Bio.valid()).build());
        assertThat(fail(p).reason()).isEqualTo("patient bio address is incomplete (" + problems + ")");
    }

    @ParameterizedTest(name = "[{index}] phone {0}")
    @ValueSource(strings = { "5552345678", "(555) 234-5678", "555-234-5678", "555.234.5678", "+1 555 234 5678",
            "1-555-234-5678", "+15552345678", "555-234-5678 x12", "555-234-5678 ext. 12" })
    void phoneFormats(String raw) {
        NovaMedPatient out = map(patient("Jane", "Doe", null, Bio.valid().phone(raw).build()));
        assertThat(out.contacts()).containsExactly(new Contact("phone", "5552345678"));
    }

    @Test
    void phonesAreDistinctCellFirstAndInvalidOnesDropped() {
        NexHealthBio bio = Bio.valid().phone("(555) 234-5678").cell("555-765-4321").home("555.234.5678")
                .work("+44 20 7946 0958").build();
        assertThat(map(patient("Jane", "Doe", "not-an-email", bio)).contacts()).containsExactly(
                new Contact("phone", "5557654321"), new Contact("phone", "5552345678"));
    }

    @Test
    void noValidContactsGivesNullContacts() {
        NexHealthBio bio = Bio.valid().phone("123").cell("055-123-4567").build();
        assertThat(map(patient("Jane", "Doe", null, bio)).contacts()).isNull();
        assertThat(map(patient("Jane", "Doe", "n/a", bio)).contacts()).isNull();
    }

    @Test
    void emailOnlyContact() {
        assertThat(map(patient("Jane", "Doe", " jane@example.com ", Bio.valid().phone(null).build())).contacts())
                .containsExactly(new Contact("email", "jane@example.com"));
    }

    @Test
    void speciesNullIsOmittedAndClinicIsDefault() {
        MappingDefaults d = new MappingDefaults(CLINIC, true, null, null);
        NovaMedPatient out = mapper.map(patient("Jane", "Doe", null, Bio.valid().build()), d);
        assertThat(out.species()).isNull();
        assertThat(out.assignedClinic()).isEqualTo(CLINIC);
    }

    @Test
    void nullInputsAndBrokenDefaults() {
        assertThat(catchThrowableOfType(MappingException.class, () -> mapper.map(null, DEFAULTS)).reason())
                .isEqualTo("patient record is missing");
        NexHealthPatient p = patient("Jane", "Doe", null, Bio.valid().build());
        assertThat(catchThrowableOfType(MappingException.class, () -> mapper.map(p, null)).reason())
                .isEqualTo("mapping defaults are missing");
        assertThat(catchThrowableOfType(MappingException.class,
                () -> mapper.map(p, new MappingDefaults(" ", false, null, null))).reason())
                .isEqualTo("mapping defaults clinic_id is missing");
        assertThat(catchThrowableOfType(MappingException.class,
                () -> mapper.map(p, new MappingDefaults("clinic-1", false, null, null))).reason())
                .isEqualTo("mapping defaults clinic_id is not a UUID");
    }

    @Test
    void allNullPatientFailsCleanly() {
        NexHealthPatient p = new NexHealthPatient(0, null, null, null, null, null, null, null, null, null, null,
                null, null);
        assertThat(fail(p).reasons()).containsExactly("patient first_name is missing", "patient last_name is missing",
                "patient bio.date_of_birth is missing", "patient bio address is incomplete "
                        + "(missing bio.address_line_1, bio.city, bio.state, bio.zip_code)");
    }

    @Test
    void deterministic() {
        NexHealthPatient p = patient("Zoë", "Müller", "z@example.com", Bio.valid().cell("5557654321").build());
        assertThat(map(p)).isEqualTo(map(p));
    }
}
