package io.medsync.nextgen;

import static io.medsync.contract.ContractValidators.assertValidNovaMedLegacyRequest;
import static io.medsync.contract.ContractValidators.assertValidNovaMedRequest;
import static io.medsync.mapping.TestData.CLINIC;
import static io.medsync.mapping.TestData.DEFAULTS;
import static io.medsync.mapping.TestData.assertNoPhi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.medsync.mapping.MappingException;
import io.medsync.mapping.TestData;
import io.medsync.nextgen.FhirFixtures.MedicationSpec;
import io.medsync.nextgen.FhirFixtures.OrderSpec;
import io.medsync.nextgen.FhirFixtures.PatientSpec;
import io.medsync.nextgen.FhirFixtures.PractitionerSpec;
import io.medsync.novamed.NovaMedMedicationOrder;
import io.medsync.tenant.FhirVersion;
import io.medsync.tenant.MedicationOrderDefaults;

/**
 * FHIR resources built with HAPI (R4 and DSTU2), serialised, read by the {@link FhirReader} and mapped: each case
 * is either the exact NovaMed payload (which must also satisfy NovaMed's contract) or a rejection whose reason
 * quotes nothing from the input.
 */
class FhirMappersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MedicationOrderDefaults ORDER_DEFAULTS =
            new MedicationOrderDefaults(CLINIC, "se-3818360", "fedex_ground", false);
    private static final String PATIENT_ID = "770e8400-e29b-41d4-a716-446655440002";
    private static final String PRACTITIONER_ID = "660e8400-e29b-41d4-a716-446655440001";
    private static final String SIG = "Take 1 capsule by mouth three times daily for 10 days";

    private final FhirPatientMapper patients = new FhirPatientMapper(TestData.CLOCK);
    private final FhirPractitionerMapper practitioners = new FhirPractitionerMapper();
    private final FhirMedicationOrderMapper orders = new FhirMedicationOrderMapper();

    // ---- patients -------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(FhirVersion.class)
    void patientWithUnicodeNamesMapsToTheExactPatientRequest(FhirVersion version) throws Exception {
        FhirPatient read = (FhirPatient) read(version, FhirFixtures.of(version).patient(new PatientSpec()));

        var out = patients.toNovaMed(read, DEFAULTS);

        assertJson(out, """
                {"first_name":"Zoë","middle_name":"Ann","last_name":"Nguyễn","gender":"female","dob":"1985-03-15",
                 "species":"human","assigned_clinic":"%s",
                 "contacts":[{"key":"email","value":"zoe.nguyen@example.org"},{"key":"phone","value":"5125550199"}],
                 "addresses":[{"addressLine1":"12 Maple Ave","addressLine2":"Apt 4B","city":"Austin","state":"TX",
                               "postalCode":"78701"}]}""".formatted(CLINIC));
        assertValidNovaMedRequest("POST", "/api/external/patient",
                JSON.writeValueAsString(out.withPractitionerId(PRACTITIONER_ID)));
    }

    @ParameterizedTest
    @EnumSource(FhirVersion.class)
    void cjkNamesOfTwoCharactersAreNames(FhirVersion version) {
        FhirPatient read = (FhirPatient) read(version,
                FhirFixtures.of(version).patient(new PatientSpec().name("山田", "太郎")));

        var out = patients.toNovaMed(read, DEFAULTS);

        assertThat(out.firstName()).isEqualTo("山田");
        assertThat(out.middleName()).isNull();
        assertThat(out.lastName()).isEqualTo("太郎");
    }

    static Stream<Arguments> rejectedPatients() {
        return bothVersions(
                row("one-character given name", (Consumer<PatientSpec>) p -> p.name("李", "Wang"),
                        "patient name.given is shorter than 2 characters"),
                row("no name", (Consumer<PatientSpec>) p -> p.name(null, null),
                        "patient name.given is missing; patient name.family is missing"),
                row("no family name", (Consumer<PatientSpec>) p -> p.name("Zoë", null),
                        "patient name.family is missing"),
                row("year-month birth date", (Consumer<PatientSpec>) p -> p.birthDate("1985-03"),
                        "patient birth date is partial (year or year-month only)"),
                row("year-only birth date", (Consumer<PatientSpec>) p -> p.birthDate("1985"),
                        "patient birth date is partial (year or year-month only)"),
                row("missing birth date", (Consumer<PatientSpec>) p -> p.birthDate(null),
                        "patient birth date is missing"),
                row("future birth date", (Consumer<PatientSpec>) p -> p.birthDate("2031-02-03"),
                        "patient birth date is in the future"),
                row("no city", (Consumer<PatientSpec>) p -> p.city(null),
                        "patient address is incomplete (missing address.city)"),
                row("unknown state", (Consumer<PatientSpec>) p -> p.state("Texass"),
                        "patient address is incomplete (invalid address.state)"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("rejectedPatients")
    void patientIsRejectedWithAReasonThatQuotesNothing(FhirVersion version, String label,
            Consumer<PatientSpec> change, String reason) {
        PatientSpec spec = new PatientSpec();
        change.accept(spec);
        FhirPatient read = (FhirPatient) read(version, FhirFixtures.of(version).patient(spec));

        MappingException e = rejected(() -> patients.toNovaMed(read, DEFAULTS));

        assertThat(e.reason()).isEqualTo(reason);
        assertNoPhi(e, read);
    }

    // ---- practitioners --------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(FhirVersion.class)
    void practitionerMapsToTheExactPractitionerRequest(FhirVersion version) throws Exception {
        FhirPractitioner read = (FhirPractitioner) read(version,
                FhirFixtures.of(version).practitioner(new PractitionerSpec()));

        var out = practitioners.toNovaMed(read, DEFAULTS);

        assertJson(out, """
                {"first_name":"Renée","last_name":"O'Brien","email":"renee.obrien@example.com","npi":"1234567893",
                 "is_veterinarian":false,"assigned_clinic":"%s","phone":"5125550142",
                 "address_line_1":"100 Congress Ave","address_line_2":"Suite 300","city":"Austin",
                 "state_code":"TX","zip_code":"78701"}""".formatted(CLINIC));
        assertValidNovaMedRequest("POST", "/api/external/practitioner", JSON.writeValueAsString(out));
    }

    @ParameterizedTest
    @EnumSource(FhirVersion.class)
    void practitionerWithoutAddressGetsThePracticeAddress(FhirVersion version) {
        FhirPractitioner read = (FhirPractitioner) read(version,
                FhirFixtures.of(version).practitioner(new PractitionerSpec().noAddress()));

        var out = practitioners.toNovaMed(read, DEFAULTS);

        assertThat(out.addressLine1()).isEqualTo("100 Practice Way");
        assertThat(out.city()).isEqualTo("San Antonio");
        assertThat(out.zipCode()).isEqualTo("78201");
    }

    static Stream<Arguments> rejectedPractitioners() {
        return bothVersions(
                row("missing NPI", (Consumer<PractitionerSpec>) p -> p.npi(null), "practitioner npi is missing"),
                row("invalid NPI", (Consumer<PractitionerSpec>) p -> p.npi("1234567890"),
                        "practitioner npi fails the NPI check digit"),
                row("short NPI", (Consumer<PractitionerSpec>) p -> p.npi("12345678"),
                        "practitioner npi is not exactly 10 digits"),
                row("NPI under another system", (Consumer<PractitionerSpec>) p -> p.npiSystem("urn:example:npi"),
                        "practitioner npi is missing"),
                row("missing email", (Consumer<PractitionerSpec>) p -> p.email(null),
                        "practitioner email is missing"),
                row("implausible email", (Consumer<PractitionerSpec>) p -> p.email("renee@clinic"),
                        "practitioner email is not a plausible email address"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("rejectedPractitioners")
    void practitionerIsRejectedWithAReasonThatQuotesNothing(FhirVersion version, String label,
            Consumer<PractitionerSpec> change, String reason) {
        PractitionerSpec spec = new PractitionerSpec();
        change.accept(spec);
        FhirPractitioner read = (FhirPractitioner) read(version, FhirFixtures.of(version).practitioner(spec));

        MappingException e = rejected(() -> practitioners.toNovaMed(read, DEFAULTS));

        assertThat(e.reason()).isEqualTo(reason);
        assertNoPhi(e, read);
    }

    // ---- medication orders ----------------------------------------------------------------------------------------

    /** The medication_requests item of the default order, with the given fields replaced (null: key removed). */
    private static String item(String... overrides) {
        String base = """
                {"medication":"Amoxicillin 500 MG Oral Capsule","dose":"500 mg","unit_of_measure":"mg",
                 "quantity":30,"refills":"3","direction":"%s","days_supply":10}""".formatted(SIG);
        try {
            var node = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(base);
            for (int i = 0; i < overrides.length; i += 2) {
                if (overrides[i + 1] == null) {
                    node.remove(overrides[i]);
                } else {
                    node.set(overrides[i], JSON.readTree(overrides[i + 1]));
                }
            }
            return node.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Stream<Arguments> mappedOrders() {
        return Stream.concat(bothVersions(
                row("CodeableConcept medication with sig and dose", (Consumer<OrderSpec>) o -> {
                }, item()),
                row("contained medication, free-text dosage only: strength is the dose",
                        (Consumer<OrderSpec>) o -> o.contained(MedicationSpec.withStrength()).dosage(SIG, null, null),
                        item()),
                row("structured dose without text: a sig, never a bare number",
                        (Consumer<OrderSpec>) o -> o.dosage(null, "200", "mg"),
                        item("direction", "\"Take 200 mg\"")),
                row("the strength is NovaMed's dose, the per-administration dose stays in the direction",
                        (Consumer<OrderSpec>) o -> o.contained(MedicationSpec.withStrength()).dosage(SIG, "250", "mg"),
                        item()),
                row("fractional liquid quantity: the unit of measure is the dose's, not the dispense unit",
                        (Consumer<OrderSpec>) o -> {
                            o.quantity("2.5");
                            o.quantityUnit = "mL";
                        }, item("quantity", "2.5")),
                row("refills 3", (Consumer<OrderSpec>) o -> o.refills(3), item()),
                row("refills absent", (Consumer<OrderSpec>) o -> o.refills(null), item("refills", null)),
                row("supply 30 d", (Consumer<OrderSpec>) o -> o.supply("30", "d"), item("days_supply", "30")),
                row("supply 4 wk", (Consumer<OrderSpec>) o -> o.supply("4", "wk"), item("days_supply", "28")),
                row("supply absent", (Consumer<OrderSpec>) o -> o.supply(null, null), item("days_supply", null)),
                row("supply in hours is no days supply", (Consumer<OrderSpec>) o -> o.supply("12", "h"),
                        item("days_supply", null))),
                // DSTU2's numberOfRepeatsAllowed is a positiveInt: zero refills exist only in R4.
                Stream.of(Arguments.of(FhirVersion.R4, "refills 0", (Consumer<OrderSpec>) o -> o.refills(0),
                        item("refills", "\"0\""))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("mappedOrders")
    void orderMapsToOneContractValidItem(FhirVersion version, String label, Consumer<OrderSpec> change,
            String expectedItem) throws Exception {
        OrderSpec spec = new OrderSpec();
        change.accept(spec);
        FhirMedicationOrder read = (FhirMedicationOrder) read(version, FhirFixtures.of(version).order(spec));

        NovaMedMedicationOrder out = orders.toNovaMed(read, ORDER_DEFAULTS);

        assertJson(out, """
                {"clinic_id":"%s","carrier_id":"se-3818360","service_id":"fedex_ground","is_refrigerated":false,
                 "medication_requests":[%s]}""".formatted(CLINIC, expectedItem));
        assertValidNovaMedRequest("POST", "/api/external/medication-order",
                JSON.writeValueAsString(out.withParties(PATIENT_ID, PRACTITIONER_ID)));
    }

    static Stream<Arguments> rejectedOrders() {
        return bothVersions(
                row("stopped", (Consumer<OrderSpec>) o -> o.status("stopped"),
                        "medication order status stopped is not active"),
                row("completed", (Consumer<OrderSpec>) o -> o.status("completed"),
                        "medication order status completed is not active"),
                row("on-hold", (Consumer<OrderSpec>) o -> o.status("on-hold"),
                        "medication order status on-hold is not active"),
                row("draft", (Consumer<OrderSpec>) o -> o.status("draft"),
                        "medication order status draft is not active"),
                row("entered-in-error", (Consumer<OrderSpec>) o -> o.status("entered-in-error"),
                        "medication order status entered-in-error is not active"),
                row("referenced medication not fetched", (Consumer<OrderSpec>) OrderSpec::referenced,
                        "medication order referenced medication was not resolved"),
                row("no medication at all", (Consumer<OrderSpec>) o -> o.kind = FhirFixtures.MedicationKind.NONE,
                        "medication order medication is missing"),
                row("coded medication without text or display", (Consumer<OrderSpec>) o -> {
                    o.medication.text = null;
                    o.medication.display = null;
                }, "medication order medication name is missing"),
                row("free-text dosage, no strength", (Consumer<OrderSpec>) o -> unstatedStrength(o).dosage(SIG, null, null),
                        "medication order has no dose or strength"),
                row("missing dosage, no strength", (Consumer<OrderSpec>) o -> unstatedStrength(o).dosage(null, null, null),
                        "medication order has no dose or strength; medication order has no directions "
                                + "(dosageInstruction is missing)"),
                row("missing dosage, contained strength",
                        (Consumer<OrderSpec>) o -> o.contained(MedicationSpec.withStrength()).dosage(null, null, null),
                        "medication order has no directions (dosageInstruction is missing)"),
                row("missing quantity", (Consumer<OrderSpec>) o -> o.quantity(null),
                        "medication order dispense quantity is missing"),
                row("zero quantity", (Consumer<OrderSpec>) o -> o.quantity("0"),
                        "medication order dispense quantity is not positive"));
    }

    /** A coded medication whose name states no strength (RxNorm clinical drug names do: "... 500 MG ..."). */
    private static OrderSpec unstatedStrength(OrderSpec o) {
        o.medication.text = "Amoxicillin Oral Capsule";
        o.medication.display = "Amoxicillin";
        return o;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("rejectedOrders")
    void orderIsRejectedWithAReasonThatQuotesNothing(FhirVersion version, String label, Consumer<OrderSpec> change,
            String reason) {
        OrderSpec spec = new OrderSpec();
        change.accept(spec);
        FhirMedicationOrder read = (FhirMedicationOrder) read(version, FhirFixtures.of(version).order(spec));

        MappingException e = rejected(() -> orders.toNovaMed(read, ORDER_DEFAULTS));

        assertThat(e.reason()).isEqualTo(reason);
        // Status and intent codes are named on purpose (they are not PHI); everything else stays out of the reason.
        assertNoPhi(e, withoutCodes(read));
    }

    @ParameterizedTest(name = "intent {0} -> {1}")
    @org.junit.jupiter.params.provider.CsvSource(nullValues = "NULL", textBlock = """
            proposal,       medication order intent proposal is not an order
            plan,           medication order intent plan is not an order
            option,         medication order intent option is not an order
            NULL,           medication order intent is missing
            """)
    void anR4RequestThatIsNotAnOrderIsNotFilled(String intent, String reason) {
        FhirMedicationOrder read = (FhirMedicationOrder) read(FhirVersion.R4,
                FhirFixtures.of(FhirVersion.R4).order(new OrderSpec().intent(intent)));

        assertThat(rejected(() -> orders.toNovaMed(read, ORDER_DEFAULTS)).reason()).isEqualTo(reason);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = { "original-order", "instance-order" })
    void anR4RequestOfAnOrderKindIsFilled(String intent) {
        FhirMedicationOrder read = (FhirMedicationOrder) read(FhirVersion.R4,
                FhirFixtures.of(FhirVersion.R4).order(new OrderSpec().intent(intent)));

        assertThat(orders.toNovaMed(read, ORDER_DEFAULTS).medicationRequests()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(FhirVersion.class)
    void referencedMedicationMapsOnceTheCallerHasFetchedIt(FhirVersion version) throws Exception {
        FhirFixtures fx = FhirFixtures.of(version);
        FhirMedicationOrder read = (FhirMedicationOrder) read(version, fx.order(new OrderSpec().referenced()
                .dosage(SIG, null, null)));
        FhirMedicationEntry fetched = (FhirMedicationEntry) read(version,
                fx.medication(MedicationSpec.withStrength(), "med-77"));

        NovaMedMedicationOrder out = orders.toNovaMed(read.withMedication(fetched.medication()), ORDER_DEFAULTS);

        assertThat(read.medicationReference()).isEqualTo(fetched.reference());
        assertThat(JSON.readTree(JSON.writeValueAsString(out.medicationRequests().get(0))))
                .isEqualTo(JSON.readTree(item()));
    }

    @ParameterizedTest
    @EnumSource(FhirVersion.class)
    void legacyShapeIsTheFlatRequestOfTheLegacySpec(FhirVersion version) throws Exception {
        FhirMedicationOrder read = (FhirMedicationOrder) read(version,
                FhirFixtures.of(version).order(new OrderSpec().contained(MedicationSpec.withStrength())));

        var out = orders.toLegacy(read, ORDER_DEFAULTS);

        assertJson(out, """
                {"clinic_id":"%s","medication_name":"Amoxicillin 500 MG Oral Capsule","medication_strength":"500 mg",
                 "quantity":30,"refills":3,"days_supply":10,"instructions":"%s"}""".formatted(CLINIC, SIG));
        assertValidNovaMedLegacyRequest("POST", "/api/external/medication-request",
                JSON.writeValueAsString(out.withParties(PATIENT_ID, PRACTITIONER_ID)));
    }

    @ParameterizedTest
    @EnumSource(FhirVersion.class)
    void legacyShapeRejectsAFractionalQuantityItCannotCarry(FhirVersion version) {
        OrderSpec spec = new OrderSpec().quantity("2.5");
        FhirMedicationOrder read = (FhirMedicationOrder) read(version, FhirFixtures.of(version).order(spec));

        MappingException e = rejected(() -> orders.toLegacy(read, ORDER_DEFAULTS));

        assertThat(e.reason()).isEqualTo("medication order dispense quantity is not a whole number, which the legacy "
                + "medication-request shape requires");
    }

    @ParameterizedTest
    @EnumSource(FhirVersion.class)
    void incompleteOrderDefaultsRejectEveryOrder(FhirVersion version) {
        FhirMedicationOrder read = (FhirMedicationOrder) read(version, FhirFixtures.of(version).order(new OrderSpec()));

        assertThat(rejected(() -> orders.toNovaMed(read, new MedicationOrderDefaults(CLINIC, " ", "fedex_ground",
                false))).reason()).isEqualTo("medication order defaults carrier_id is missing");
        assertThat(rejected(() -> orders.toNovaMed(read, new MedicationOrderDefaults("clinic-7", "se-3818360",
                "fedex_ground", false))).reason()).isEqualTo("medication order defaults clinic_id is not a UUID");
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static Object read(FhirVersion version, String json) {
        return FhirReader.of(version).resource(json);
    }

    private static MappingException rejected(Supplier<?> mapping) {
        MappingException e = catchThrowableOfType(MappingException.class, mapping::get);
        assertThat(e).as("expected a MappingException").isNotNull();
        return e;
    }

    private static void assertJson(Object payload, String expected) throws JsonProcessingException {
        JsonNode actual = JSON.readTree(JSON.writeValueAsString(payload));
        assertThat(actual).isEqualTo(JSON.readTree(expected));
    }

    private static FhirMedicationOrder withoutCodes(FhirMedicationOrder o) {
        return new FhirMedicationOrder(o.id(), o.version(), o.patientId(), o.prescriberId(), null, o.authoredOn(),
                o.medication(), o.medicationReference(), o.dosages(), o.dispenseQuantity(), o.refills(),
                o.daysSupply(), null);
    }

    private static Object[] row(Object... values) {
        return values;
    }

    /** Each row once per FHIR version, the version first. */
    private static Stream<Arguments> bothVersions(Object[]... rows) {
        return Arrays.stream(FhirVersion.values()).flatMap(v -> Arrays.stream(rows)
                .map(r -> Arguments.of(Stream.concat(Stream.of(v), Arrays.stream(r)).toArray())));
    }
}
