package io.medsync.nextgen;

import static io.medsync.mapping.TestData.CLINIC;
import static io.medsync.mapping.TestData.NPI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.medsync.mapping.MappingException;
import io.medsync.novamed.NovaMedMedicationOrder;
import io.medsync.tenant.FhirVersion;
import io.medsync.tenant.MedicationOrderDefaults;

/**
 * Issue 15, classes 11 and 14: Bundles whose entries refer to each other by {@code fullUrl} (transaction and
 * collection Bundles with {@code urn:uuid:} entries, e-prescription message Bundles, a message nesting its content
 * Bundle), contained prescribers, statuses of other versions, Bundles of types medsync does not read. The inputs are
 * in {@code src/test/resources/fhir/bundles}, modelled on the FHIR specification's examples and e-prescription
 * messages.
 */
class FhirBundleReferencesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MedicationOrderDefaults DEFAULTS =
            new MedicationOrderDefaults(CLINIC, "se-3818360", "fedex_ground", false);
    private static final String PATIENT = "61ebe359-bfdc-4613-8bf2-c5e300945f0a";
    private static final String PRACTITIONER = "88f151c0-a954-468a-88bd-5ae15c08e059";

    private final FhirMedicationOrderMapper orders = new FhirMedicationOrderMapper();

    /** A Bundle, its orders' keys (id, patient, prescriber), and what NovaMed receives for the first order. */
    static Stream<Arguments> bundles() {
        return Stream.of(
                Arguments.of("r4-transaction-urn-uuid.json", FhirVersion.R4,
                        List.of("f0a5ae7e-2b0c-4d2a-9bd4-6e6b0b2c1a11 " + PATIENT + " " + PRACTITIONER),
                        item("Amlodipine 5 MG Oral Tablet", "5 mg", "mg", "30", "3",
                                "Take 1 tablet by mouth once daily")),
                Arguments.of("dstu2-transaction-urn-uuid.json", FhirVersion.DSTU2,
                        List.of("f0a5ae7e-2b0c-4d2a-9bd4-6e6b0b2c1a11 " + PATIENT + " " + PRACTITIONER),
                        item("Amlodipine 5 MG Oral Tablet", "5 mg", "mg", "30", "3",
                                "Take 1 tablet by mouth once daily")),
                // The prescriber is named through a PractitionerRole, as US Core and e-prescription messages do.
                Arguments.of("r4-message-prescription-order.json", FhirVersion.R4, List.of(
                        "a54219b8-f741-4c47-b662-e4f8dfa49ab6 78d3c2eb-009e-4ec8-a358-b042954aa9b2"
                                + " a8c85454-f8cb-498d-9629-78e2cb5fa47a",
                        "a54219b8-f741-4c47-b662-e4f8dfa49ab7 78d3c2eb-009e-4ec8-a358-b042954aa9b2"
                                + " a8c85454-f8cb-498d-9629-78e2cb5fa47a"),
                        item("Amoxicillin 500 MG Oral Capsule", "500 mg", "mg", "21", null,
                                "Take one capsule three times a day; until finished").withDays(7)),
                Arguments.of("r4-message-nested-collection.json", FhirVersion.R4,
                        List.of("rx-2291 pt-2291 pr-17"),
                        item("Amlodipine 5 MG Oral Tablet", "5 mg", "mg", "30", "1", "Take one tablet daily")),
                Arguments.of("dstu2-message-prescription.json", FhirVersion.DSTU2,
                        List.of("6f1e6e0a-7c0e-4f6b-9d2b-11a1b2c3d4e6 pt-2291 7a1e6e0a-7c0e-4f6b-9d2b-11a1b2c3d4e7"),
                        item("Amlodipine 5 MG Oral Tablet", "5 mg", "mg", "30", "1", "Take one tablet daily")));
    }

    private static Expected item(String medication, String dose, String unit, String quantity,
            String refills, String direction) {
        return new Expected(new NovaMedMedicationOrder.Item(medication, dose, unit, new BigDecimal(quantity), refills,
                direction, null));
    }

    record Expected(NovaMedMedicationOrder.Item item) {
        Expected withDays(int days) {
            return new Expected(new NovaMedMedicationOrder.Item(item.medication(), item.dose(), item.unitOfMeasure(),
                    item.quantity(), item.refills(), item.direction(), days));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundles")
    void referencesBetweenEntriesResolveAndIdLessEntriesAreKeyedByTheirFullUrl(String file, FhirVersion version,
            List<String> orderKeys, Expected expected) throws IOException {
        FhirPage page = FhirReader.of(version).searchPage(resource(file));

        assertThat(page.malformed()).isEmpty();
        List<FhirMedicationOrder> read = page.records().stream().filter(FhirMedicationOrder.class::isInstance)
                .map(FhirMedicationOrder.class::cast).toList();
        assertThat(read).extracting(o -> o.id() + " " + o.patientId() + " " + o.prescriberId())
                .containsExactlyElementsOf(orderKeys);
        // Each party an order names is a record of the same Bundle under that key: the sync delivers it first.
        for (FhirMedicationOrder order : read) {
            assertThat(page.records()).anySatisfy(r -> assertThat(r).isInstanceOfSatisfying(FhirPatient.class,
                    p -> assertThat(p.id()).isEqualTo(order.patientId())));
            assertThat(page.records()).anySatisfy(r -> assertThat(r).isInstanceOfSatisfying(FhirPractitioner.class,
                    p -> assertThat(p.id()).isEqualTo(order.prescriberId())));
        }
        FhirMedicationOrder first = withBundleMedication(read.get(0), page);
        assertThat(orders.toNovaMed(first, DEFAULTS).medicationRequests()).containsExactly(expected.item());
    }

    /** The order with the Medication of the same Bundle it references (as the sync's chart does). */
    private static FhirMedicationOrder withBundleMedication(FhirMedicationOrder order, FhirPage page) {
        return page.records().stream().filter(FhirMedicationEntry.class::isInstance)
                .map(FhirMedicationEntry.class::cast).filter(m -> m.reference().equals(order.medicationReference()))
                .findFirst().map(m -> order.withMedication(m.medication())).orElse(order);
    }

    @Test
    void keysComeFromTheFullUrlOnlyWhenItIdentifiesTheEntry() {
        assertThat(BundleEntries.keyOf("urn:uuid:61EBE359-BFDC-4613-8BF2-C5E300945F0A", "Patient")).isEqualTo(PATIENT);
        assertThat(BundleEntries.keyOf("urn:oid:1.2.840.113619.6.1", "Patient")).isEqualTo("1.2.840.113619.6.1");
        assertThat(BundleEntries.keyOf("https://ehr.example.org/fhir/Patient/pt-9/_history/3", "Patient"))
                .isEqualTo("pt-9");
        // Another type's URL, free text and a URL without an id give no key: the entry is refused as id-less.
        assertThat(BundleEntries.keyOf("https://ehr.example.org/fhir/Practitioner/pt-9", "Patient")).isNull();
        assertThat(BundleEntries.keyOf("urn:uuid:Zoë Nguyễn", "Patient")).isNull();
        assertThat(BundleEntries.keyOf("https://ehr.example.org/fhir/Patient", "Patient")).isNull();
    }

    @ParameterizedTest
    @EnumSource(FhirVersion.class)
    void anEntryWithNeitherIdNorIdentifyingFullUrlIsRefusedNamingItsPosition(FhirVersion version) throws IOException {
        ObjectNode bundle = (ObjectNode) JSON.readTree(resource(version == FhirVersion.R4
                ? "r4-transaction-urn-uuid.json" : "dstu2-transaction-urn-uuid.json"));
        ((ObjectNode) bundle.path("entry").get(0)).remove("fullUrl");

        FhirPage page = FhirReader.of(version).searchPage(bundle.toString());

        assertThat(page.malformed()).containsExactly(new Malformed("Patient", null, "entry 0: Patient has no id"));
    }

    @ParameterizedTest
    @EnumSource(FhirVersion.class)
    void aContainedPrescriberIsIdentifiedByItsNpiOrTheOrderIsRefusedNamingIt(FhirVersion version) throws IOException {
        ObjectNode bundle = (ObjectNode) JSON.readTree(resource(version == FhirVersion.R4
                ? "r4-transaction-urn-uuid.json" : "dstu2-transaction-urn-uuid.json"));
        ObjectNode order = (ObjectNode) bundle.path("entry").get(3).path("resource");
        ObjectNode practitioner = ((ObjectNode) bundle.path("entry").get(1).path("resource")).deepCopy();
        practitioner.put("id", "pr1");
        order.putArray("contained").add(practitioner);
        order.putObject(version == FhirVersion.R4 ? "requester" : "prescriber").put("reference", "#pr1");

        FhirMedicationOrder withNpi = onlyOrder(version, bundle);
        assertThat(withNpi.prescriberId()).isEqualTo("npi-" + NPI);
        assertThat(withNpi.containedPrescriber().id()).isEqualTo("npi-" + NPI);
        assertThat(NextGenChart.containedPrescribers(List.of(withNpi, withNpi))).hasSize(1)
                .allSatisfy(p -> assertThat(p.family()).isEqualTo("Careful"));

        practitioner.remove("identifier");
        order.withArray("contained").set(0, practitioner);
        FhirMedicationOrder withoutNpi = onlyOrder(version, bundle);
        assertThat(withoutNpi.prescriberId()).isNull();
        assertThat(NextGenChart.containedPrescribers(List.of(withoutNpi))).isEmpty();
        assertThat(reasons(withoutNpi)).contains("medication order prescriber #pr1 (contained) has no NPI, so no"
                + " NovaMed practitioner can be found or created for it");
    }

    @ParameterizedTest
    @EnumSource(FhirVersion.class)
    void aStatusOfAnotherVersionOrVendorIsNamedNotCalledMissing(FhirVersion version) throws IOException {
        ObjectNode bundle = (ObjectNode) JSON.readTree(resource(version == FhirVersion.R4
                ? "r4-transaction-urn-uuid.json" : "dstu2-transaction-urn-uuid.json"));
        ObjectNode order = (ObjectNode) bundle.path("entry").get(3).path("resource");

        order.put("status", "suspended");
        assertThat(reasons(onlyOrder(version, bundle))).containsExactly("medication order status suspended is not"
                + " active");
        order.put("status", "on-hold");
        assertThat(reasons(onlyOrder(version, bundle))).containsExactly("medication order status on-hold is not"
                + " active");
        // Free text in a code is not quoted.
        order.put("status", "Zoë asked to pause");
        assertThat(reasons(onlyOrder(version, bundle))).containsExactly("medication order status is not a known"
                + " status code");
    }

    @ParameterizedTest
    @EnumSource(FhirVersion.class)
    void anOrderOfADeceasedPatientIsRefusedWithItsOwnReason(FhirVersion version) throws IOException {
        ObjectNode bundle = (ObjectNode) JSON.readTree(resource(version == FhirVersion.R4
                ? "r4-transaction-urn-uuid.json" : "dstu2-transaction-urn-uuid.json"));
        ((ObjectNode) bundle.path("entry").get(0).path("resource")).put("deceasedDateTime", "2026-10-02");
        FhirPage page = FhirReader.of(version).searchPage(bundle.toString());
        List<FhirPatient> patients = page.records().stream().filter(FhirPatient.class::isInstance)
                .map(FhirPatient.class::cast).toList();
        List<FhirMedicationOrder> marked = NextGenChart.ofPatients(page.records().stream()
                .filter(FhirMedicationOrder.class::isInstance).map(FhirMedicationOrder.class::cast)
                .map(o -> withBundleMedication(o, page)).toList(), patients);

        assertThat(reasons(marked.get(0))).containsExactly("patient Patient/" + PATIENT + " is deceased; order not"
                + " sent");
    }

    @ParameterizedTest
    @EnumSource(FhirVersion.class)
    void aBundleOfManyTypesMedsyncDoesNotReadIsOneNote(FhirVersion version) {
        ObjectNode bundle = JSON.createObjectNode().put("resourceType", "Bundle").put("type", "collection");
        ArrayNode entries = bundle.putArray("entry");
        Map<String, Integer> types = Map.of("Observation", 120, "Condition", 40, "Encounter", 12, "Immunization", 3);
        types.forEach((type, n) -> {
            for (int i = 0; i < n; i++) {
                entries.addObject().put("fullUrl", "urn:uuid:00000000-0000-4000-8000-" + String.format("%012d",
                        entries.size())).putObject("resource").put("resourceType", type);
            }
        });

        FhirPage page = FhirReader.of(version).searchPage(bundle.toString());

        assertThat(page.records()).isEmpty();
        assertThat(page.malformed()).isEmpty();
        assertThat(page.unreadNote()).isEqualTo("the Bundle holds 40 Condition, 12 Encounter, 3 Immunization, 120"
                + " Observation entries medsync does not read (it reads Patient, Practitioner, Medication and"
                + " prescriptions)");
    }

    /**
     * Issue 15: a requester that is a PractitionerRole outside the Bundle (read from the FHIR server) is kept for the
     * sync to read; unresolved, the order is refused naming the role, not "names no prescriber".
     */
    @Test
    void aPractitionerRoleOutsideTheBundleIsKeptToBeReadOrNamedInTheRefusal() throws IOException {
        ObjectNode bundle = (ObjectNode) JSON.readTree(resource("r4-transaction-urn-uuid.json"));
        ((ObjectNode) bundle.path("entry").get(3).path("resource")).putObject("requester")
                .put("reference", "PractitionerRole/role-1");

        FhirMedicationOrder order = onlyOrder(FhirVersion.R4, bundle);

        assertThat(order.prescriberId()).isNull();
        assertThat(order.prescriberRole()).isEqualTo("PractitionerRole/role-1");
        assertThat(reasons(order)).contains("medication order requester PractitionerRole/role-1 was not resolved to"
                + " a Practitioner: the FHIR server did not return that PractitionerRole, or it names no"
                + " practitioner");
        assertThat(order.prescribedBy(PRACTITIONER).prescriberId()).isEqualTo(PRACTITIONER);
        assertThat(orders.toNovaMed(order.prescribedBy(PRACTITIONER), DEFAULTS)).isNotNull();
    }

    /** The practitioner a PractitionerRole read from the server names, or null. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "{\"resourceType\":\"PractitionerRole\",\"practitioner\":{\"reference\":\"Practitioner/pr-17\"}} | pr-17",
            "{\"resourceType\":\"PractitionerRole\",\"practitioner\":{\"reference\":\"https://ehr.example.org/fhir/Practitioner/pr-17\"}} | pr-17",
            "{\"resourceType\":\"PractitionerRole\",\"organization\":{\"reference\":\"Organization/o-1\"}} | ",
            "{\"resourceType\":\"PractitionerRole\",\"practitioner\":{\"reference\":\"Organization/o-1\"}} | ",
            "{\"resourceType\":\"PractitionerRole\",\"practitioner\":{\"reference\":\"Practitioner/not an id\"}} | ",
            "{\"resourceType\":\"Practitioner\",\"id\":\"pr-17\"} | ",
            "not json | "})
    void thePractitionerOfARoleReadOnItsOwn(String role, String practitioner) {
        assertThat(BundleEntries.practitionerOfRole(role)).isEqualTo(practitioner);
    }

    private List<String> reasons(FhirMedicationOrder order) {
        MappingException e = catchThrowableOfType(MappingException.class, () -> orders.toNovaMed(order, DEFAULTS));
        assertThat(e).as("expected a refusal").isNotNull();
        return e.reasons();
    }

    private static FhirMedicationOrder onlyOrder(FhirVersion version, ObjectNode bundle) {
        FhirPage page = FhirReader.of(version).searchPage(bundle.toString());
        assertThat(page.malformed()).isEmpty();
        return withBundleMedication(page.records().stream().filter(FhirMedicationOrder.class::isInstance)
                .map(FhirMedicationOrder.class::cast).findFirst().orElseThrow(), page);
    }

    static String resource(String file) throws IOException {
        try (InputStream in = FhirBundleReferencesTest.class.getResourceAsStream("/fhir/bundles/" + file)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
