package io.medsync.nextgen;

import static io.medsync.contract.ContractValidators.assertValidNovaMedRequest;
import static io.medsync.mapping.TestData.CLINIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.medsync.mapping.MappingException;
import io.medsync.nextgen.FhirFixtures.DosageSpec;
import io.medsync.nextgen.FhirFixtures.OrderSpec;
import io.medsync.novamed.NovaMedMedicationOrder;
import io.medsync.tenant.FhirVersion;
import io.medsync.tenant.MedicationOrderDefaults;

/**
 * Issue 15, classes 1–6: directions from every dosage instruction, dose and unit of measure that agree, strength read
 * by the RxNorm grammar, refills checked. Each row: a FHIR prescription (R4 and DSTU2 built with HAPI, serialised,
 * read) → the exact medication_requests item NovaMed receives, or the exact reasons.
 */
class DirectionsMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MedicationOrderDefaults DEFAULTS =
            new MedicationOrderDefaults(CLINIC, "se-3818360", "fedex_ground", false);
    private static final String PATIENT_ID = "770e8400-e29b-41d4-a716-446655440002";
    private static final String PRACTITIONER_ID = "660e8400-e29b-41d4-a716-446655440001";

    private final FhirMedicationOrderMapper orders = new FhirMedicationOrderMapper();

    /** A prescription of an RxNorm-coded drug (strength and form come from its name), 30 dispensed, 2 refills. */
    private static OrderSpec rx(String rxNormName, DosageSpec... dosages) {
        OrderSpec o = new OrderSpec().dosages(dosages).refills(2).supply(null, null);
        o.medication.text = rxNormName;
        o.medication.display = rxNormName;
        return o;
    }

    private static DosageSpec oral(String dose, String unit, Integer frequency, String period, String periodUnit) {
        return DosageSpec.structured(dose, unit, "Oral route", frequency, period, periodUnit);
    }

    private static final String PREDNISONE = "Prednisone 10 MG Oral Tablet";
    private static final String IBUPROFEN = "Ibuprofen 400 MG Oral Tablet";

    static Stream<Arguments> directions() {
        return Stream.of(
                // 1. every instruction, in sequence order, steps joined by "then"; DSTU2 has no sequence
                both("taper, three sequential steps", rx(PREDNISONE,
                        oral("2", "tablet", 1, "1", "d").bounds("7", "d").sequence(3),
                        oral("4", "tablet", 1, "1", "d").bounds("7", "d").sequence(1),
                        oral("3", "tablet", 1, "1", "d").bounds("7", "d").sequence(2)),
                        "Take 4 tablets by mouth once daily for 7 days, then take 3 tablets by mouth once daily for "
                                + "7 days, then take 2 tablets by mouth once daily for 7 days",
                        "Take 2 tablets by mouth once daily for 7 days; Take 4 tablets by mouth once daily for 7 "
                                + "days; Take 3 tablets by mouth once daily for 7 days"),
                both("loading dose then maintenance, as text", rx("Azithromycin 250 MG Oral Tablet",
                        DosageSpec.text("Take 2 tablets by mouth on day 1").sequence(1),
                        DosageSpec.text("Take 1 tablet by mouth once daily on days 2 to 5.").sequence(2)),
                        "Take 2 tablets by mouth on day 1, then take 1 tablet by mouth once daily on days 2 to 5",
                        "Take 2 tablets by mouth on day 1; Take 1 tablet by mouth once daily on days 2 to 5"),
                r4("same sequence is concurrent", rx(PREDNISONE,
                        oral("1", "tablet", null, null, null).when("MORN").sequence(1),
                        oral("2", "tablet", null, null, null).when("HS").sequence(1)),
                        "Take 1 tablet by mouth in the morning, and take 2 tablets by mouth at bedtime"),
                // 2. structured dosage without text: a complete sig, never a bare number
                both("unit-less dose takes the tablet form; every 6 hours as needed for pain", rx(IBUPROFEN,
                        oral("1", null, 1, "6", "h").prn("Pain (finding)")),
                        "Take 1 tablet by mouth every 6 hours as needed for pain"),
                both("'TAB' once daily", rx(PREDNISONE, oral("2", "TAB", 1, "1", "d")),
                        "Take 2 tablets by mouth once daily"),
                both("dose range, three times daily, with meals", rx(IBUPROFEN,
                        oral(null, null, 3, "1", "d").range("1", "2", "tablet").when("C")),
                        "Take 1 to 2 tablets by mouth three times daily with meals"),
                r4("times of day", rx(PREDNISONE, oral("1", "tablet", null, null, null).timeOfDay("08:00:00",
                        "20:00:00")), "Take 1 tablet by mouth at 08:00 and 20:00"),
                // 3. additional / patient instructions and PRN appended unless the text says them
                r4("text plus as-needed reason, additional and patient instructions", rx(IBUPROFEN,
                        DosageSpec.text("Take 1 tablet by mouth every 6 hours").prn("Pain (finding)")
                                .additional("Take with food").patient("Do not take more than 4 tablets a day")),
                        "Take 1 tablet by mouth every 6 hours; as needed for pain; take with food; Do not take more "
                                + "than 4 tablets a day"),
                both("text that already says them", rx(IBUPROFEN,
                        DosageSpec.text("Take 1 tablet by mouth every 6 hours as needed for pain. Take with food.")
                                .prn("Pain (finding)").additional("Take with food")),
                        "Take 1 tablet by mouth every 6 hours as needed for pain. Take with food"))
                .flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("directions")
    void directionCarriesEveryInstruction(FhirVersion version, String label, OrderSpec spec, String direction)
            throws Exception {
        NovaMedMedicationOrder.Item item = map(version, spec);

        assertThat(item.direction()).isEqualTo(direction);
        assertThat(item.refills()).isEqualTo("2");
    }

    @ParameterizedTest
    @EnumSource(FhirVersion.class)
    void doseIsTheStrengthReadByTheRxNormGrammarAndTheUnitIsTheDoses(FhirVersion version) throws Exception {
        OrderSpec spec = rx("0.3 ML Epinephrine 1 MG/ML Auto-Injector", DosageSpec.structured("0.3", "mL",
                "Intramuscular route", null, null, null).prn("Anaphylaxis (disorder)"));
        spec.quantity("2");
        spec.quantityUnit = "auto-injector";

        assertThat(JSON.readTree(JSON.writeValueAsString(map(version, spec)))).isEqualTo(JSON.readTree("""
                {"medication":"0.3 ML Epinephrine 1 MG/ML Auto-Injector","dose":"1 mg/mL","unit_of_measure":"mg",
                 "quantity":2,"refills":"2",
                 "direction":"Take 0.3 mL intramuscularly as needed for anaphylaxis"}"""));
    }

    @ParameterizedTest
    @EnumSource(FhirVersion.class)
    void withoutAStrengthTheSharedDoseIsTheDoseAndItsUnitTheUnit(FhirVersion version) throws Exception {
        OrderSpec spec = rx("Amoxicillin Oral Suspension", oral("5", "mL", 3, "1", "d").bounds("10", "d"));
        spec.quantityUnit = "mL";
        spec.quantity("150");

        NovaMedMedicationOrder.Item item = map(version, spec);

        assertThat(item.dose()).isEqualTo("5 mL");
        assertThat(item.unitOfMeasure()).isEqualTo("mL");
        assertThat(item.direction()).isEqualTo("Take 5 mL by mouth three times daily for 10 days");
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                both("unit-less dose of a liquid", rx("Ibuprofen 20 MG/ML Oral Suspension",
                        oral("10", null, 1, "8", "h")), "medication order dosageInstruction[0] dose has no unit and "
                        + "the medication states no countable dose form"),
                both("no text and no dose", rx(PREDNISONE, oral(null, null, 1, "1", "d")),
                        "medication order dosageInstruction[0] has neither text nor a dose"),
                both("no dosage instruction", rx(PREDNISONE),
                        "medication order has no directions (dosageInstruction is missing)"),
                both("no strength, different doses", rx("Prednisone Oral Tablet", oral("4", "tablet", 1, "1", "d")
                        .sequence(1), oral("2", "tablet", 1, "1", "d").sequence(2)),
                        "medication order has no strength and its dosage instructions state different doses"),
                r4("sequence on some instructions only", rx(PREDNISONE, oral("1", "tablet", 1, "1", "d").sequence(1),
                        oral("2", "tablet", 1, "1", "d")), "medication order dosageInstruction.sequence is stated "
                        + "for some instructions only, so their order is unknown"),
                both("every problem at once", rx(PREDNISONE, oral(null, null, 1, "1", "d")).status("stopped")
                        .quantity(null), "medication order status stopped is not active; medication order dispense "
                        + "quantity is missing; medication order dosageInstruction[0] has neither text nor a dose"))
                .flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("refused")
    void refusedWithEveryReason(FhirVersion version, String label, OrderSpec spec, String reasons) {
        assertThat(refusal(version, FhirFixtures.of(version).order(spec)).reason()).isEqualTo(reasons);
    }

    @ParameterizedTest(name = "{0} refills {1}")
    @MethodSource("refills")
    void refillsAreAWholeNumberOrRefused(FhirVersion version, String written, String expected) throws Exception {
        String json = FhirFixtures.of(version).order(rx(PREDNISONE, oral("1", "tablet", 1, "1", "d")))
                .replace("\"numberOfRepeatsAllowed\":2", written == null ? "\"note\":\"x\""
                        : "\"numberOfRepeatsAllowed\":" + written);
        FhirMedicationOrder read = (FhirMedicationOrder) FhirReader.of(version).resource(json);
        if (expected.startsWith("medication order")) {
            MappingException e = catchThrowableOfType(MappingException.class, () -> orders.toNovaMed(read, DEFAULTS));
            assertThat(e).isNotNull();
            assertThat(e.reason()).isEqualTo(expected);
        } else {
            assertThat(orders.toNovaMed(read, DEFAULTS).medicationRequests().get(0).refills())
                    .isEqualTo("none".equals(expected) ? null : expected);
        }
    }

    static Stream<Arguments> refills() {
        String field = "medication order refills (dispenseRequest.numberOfRepeatsAllowed)";
        return Arrays.stream(FhirVersion.values()).flatMap(v -> Stream.of(
                Arguments.of(v, "5", "5"),
                Arguments.of(v, null, "none"),
                Arguments.of(v, "-1", field + " is negative"),
                Arguments.of(v, "1.5", field + " is not a whole number"),
                Arguments.of(v, "100", field + " is more than 99")));
    }

    @ParameterizedTest
    @EnumSource(FhirVersion.class)
    void aNarrativeHapiCannotParseDoesNotCostThePrescription(FhirVersion version) throws Exception {
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(FhirFixtures.of(version)
                .order(rx(PREDNISONE, oral("1", "tablet", 1, "1", "d"))));
        json.putObject("text").put("status", "generated")
                .put("div", "<div xmlns=\"http://www.w3.org/1999/xhtml\">C:\\Rx\\<b>unclosed</div>");

        FhirMedicationOrder read = (FhirMedicationOrder) FhirReader.of(version).resource(json.toString());

        assertThat(orders.toNovaMed(read, DEFAULTS).medicationRequests().get(0).direction())
                .isEqualTo("Take 1 tablet by mouth once daily");
    }

    @org.junit.jupiter.api.Test
    void pagesAreSizedForNextGenAndForStandardFhirServers() {
        assertThat(NextGenPullSteps.pageSize(50)).isEqualTo("_count=50&_maxresults=50");
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private NovaMedMedicationOrder.Item map(FhirVersion version, OrderSpec spec) throws Exception {
        FhirMedicationOrder read = (FhirMedicationOrder) FhirReader.of(version)
                .resource(FhirFixtures.of(version).order(spec));
        NovaMedMedicationOrder out = orders.toNovaMed(read, DEFAULTS);
        assertValidNovaMedRequest("POST", "/api/external/medication-order",
                JSON.writeValueAsString(out.withParties(PATIENT_ID, PRACTITIONER_ID)));
        return out.medicationRequests().get(0);
    }

    private MappingException refusal(FhirVersion version, String json) {
        FhirMedicationOrder read = (FhirMedicationOrder) FhirReader.of(version).resource(json);
        MappingException e = catchThrowableOfType(MappingException.class, () -> orders.toNovaMed(read, DEFAULTS));
        assertThat(e).as("expected a refusal").isNotNull();
        return e;
    }

    /** R4 and DSTU2 with the same expectation. */
    private static Stream<Arguments> both(String label, OrderSpec spec, String expected) {
        return both(label, spec, expected, expected);
    }

    /** R4 and DSTU2 with their own expectations (DSTU2 has no sequence: instructions stay in source order). */
    private static Stream<Arguments> both(String label, OrderSpec spec, String r4, String dstu2) {
        return Stream.of(Arguments.of(FhirVersion.R4, label, spec, r4),
                Arguments.of(FhirVersion.DSTU2, label, spec, dstu2));
    }

    private static Stream<Arguments> r4(String label, OrderSpec spec, String expected) {
        return Stream.of(Arguments.of(FhirVersion.R4, label, spec, expected));
    }

    @SuppressWarnings("unused")
    private static Consumer<OrderSpec> none() {
        return o -> {
        };
    }
}
