package io.medsync.nextgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.hl7.fhir.instance.model.api.IBaseResource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.medsync.nextgen.FhirFixtures.MedicationSpec;
import io.medsync.nextgen.FhirFixtures.OrderSpec;
import io.medsync.nextgen.FhirFixtures.PatientSpec;
import io.medsync.nextgen.FhirFixtures.PractitionerSpec;
import io.medsync.tenant.FhirVersion;
import io.medsync.testing.LogCapture;

class FhirReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NEXT = "https://fhir.example.test/fhir?_getpages=abc123&_getpagesoffset=10";

    @ParameterizedTest
    @EnumSource(FhirVersion.class)
    void searchPageKeepsBundleOrderNextLinkAndTotalSkipsOutcomesAndReportsMalformedEntries(FhirVersion version)
            throws Exception {
        FhirFixtures fx = FhirFixtures.of(version);
        PatientSpec noId = new PatientSpec();
        noId.id = null;
        List<IBaseResource> resources = List.of(fx.build(new PatientSpec()),
                fx.build(new OrderSpec().contained(MedicationSpec.withStrength())),
                fx.operationOutcome("Search results truncated"),
                fx.build(MedicationSpec.concept(), "med-77"),
                fx.build(new PractitionerSpec()),
                fx.build(noId));
        ObjectNode bundle = (ObjectNode) JSON.readTree(fx.bundle(NEXT, 42, resources));
        ArrayNode entries = (ArrayNode) bundle.get("entry");
        // What a real server can also send: a resource type medsync does not read, an entry without a resource
        // and a resource HAPI cannot parse (an unknown contained resource type).
        entries.addObject().putObject("resource").put("resourceType", "Observation").put("id", "obs-1")
                .put("status", "final");
        entries.addObject().put("fullUrl", "https://fhir.example.test/fhir/Patient/pt-gone");
        ObjectNode broken = entries.addObject().putObject("resource");
        broken.put("resourceType", "Patient").put("id", "pt-broken").putArray("contained").addObject()
                .put("resourceType", "NotAResource").put("id", "x");
        broken.putArray("name").addObject().put("family", "Nguyễn");
        // Ids become ledger keys and log fields: free text there is refused, and not repeated.
        entries.addObject().putObject("resource").put("resourceType", "Patient").put("id", "Zoë Nguyễn 1985-03-15");

        FhirPage page = FhirReader.of(version).searchPage(bundle.toString());

        assertThat(page.nextUrl()).isEqualTo(NEXT);
        assertThat(page.total()).isEqualTo(42);
        assertThat(page.records()).extracting(r -> r.getClass().getSimpleName()).containsExactly("FhirPatient",
                "FhirMedicationOrder", "FhirMedicationEntry", "FhirPractitioner");
        assertThat(page.records().get(2)).isEqualTo(new FhirMedicationEntry("med-77",
                new FhirMedication("Amoxicillin 500 MG Oral Capsule", "308191", "500 mg", "Oral Capsule")));
        assertThat(page.malformed()).containsExactly(
                new Malformed("Patient", null, "entry 5: Patient has no id"),
                new Malformed(null, null, "entry 7 has no resource"),
                new Malformed("Patient", "pt-broken", "entry 8: Patient could not be parsed as FHIR " + version),
                new Malformed("Patient", null, "entry 9: Patient id is not a FHIR id"));
        assertThat(page.malformed()).allSatisfy(m -> assertThat(m.reason()).doesNotContain("Nguy", "Zo", "Maple"));
        // A type medsync does not read is counted in one note, not reported as a problem of its own.
        assertThat(page.unreadNote()).isEqualTo("the Bundle holds 1 Observation entries medsync does not read (it"
                + " reads Patient, Practitioner, Medication and prescriptions)");
    }

    @ParameterizedTest
    @EnumSource(FhirVersion.class)
    void lastPageHasNoNextLinkAndAServerMayOmitTheTotal(FhirVersion version) {
        FhirFixtures fx = FhirFixtures.of(version);

        FhirPage page = FhirReader.of(version)
                .searchPage(fx.bundle(null, null, List.of(fx.build(new PatientSpec()))));

        assertThat(page.nextUrl()).isNull();
        assertThat(page.total()).isNull();
        assertThat(page.records()).hasSize(1);
        assertThat(page.malformed()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(FhirVersion.class)
    void patientPrefersTheOfficialNameAMobilePhoneAndKeepsThePractitionerId(FhirVersion version) {
        FhirFixtures fx = FhirFixtures.of(version);

        Object read = FhirReader.of(version).resource(fx.patient(new PatientSpec()));

        assertThat(read).isEqualTo(new FhirPatient("pt-1001", List.of("Zoë", "Ann"), "Nguyễn", "1985-03-15",
                "female", List.of("12 Maple Ave", "Apt 4B"), "Austin", "TX", "78701", "512-555-0199",
                "zoe.nguyen@example.org", "pr-2001"));
    }

    @ParameterizedTest
    @EnumSource(FhirVersion.class)
    void invalidValuesAndUnknownElementsAreReadWithoutLoggingThem(FhirVersion version) throws Exception {
        FhirFixtures fx = FhirFixtures.of(version);
        ObjectNode patient = (ObjectNode) JSON.readTree(fx.patient(new PatientSpec()));
        // HAPI's default lenient handler logs such problems with the offending value: PHI in the log.
        patient.put("birthDate", "15/03/1985");
        patient.put("nickname", "Zozo-the-patient");
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[{\"resource\":" + patient
                + "}]}";

        FhirPage page;
        try (LogCapture logs = LogCapture.start()) {
            page = FhirReader.of(version).searchPage(bundle);
            assertThat(String.join("\n", logs.lines())).doesNotContain("15/03/1985", "Zozo-the-patient");
        }

        // The record is read and the patient mapper rejects the date: R4's model keeps the invalid text ("not in a
        // recognised date format"), DSTU2's drops it ("missing").
        assertThat(page.records()).singleElement().isInstanceOf(FhirPatient.class)
                .extracting(r -> ((FhirPatient) r).birthDate())
                .isEqualTo(version == FhirVersion.R4 ? "15/03/1985" : null);
    }

    @ParameterizedTest
    @EnumSource(FhirVersion.class)
    void partialBirthDateIsKeptAsWritten(FhirVersion version) {
        FhirFixtures fx = FhirFixtures.of(version);

        FhirPatient read = (FhirPatient) FhirReader.of(version)
                .resource(fx.patient(new PatientSpec().birthDate("1985-03")));

        assertThat(read.birthDate()).isEqualTo("1985-03");
    }

    @ParameterizedTest
    @EnumSource(FhirVersion.class)
    void practitionerNpiComesFromTheUsNpiIdentifierOnly(FhirVersion version) {
        FhirFixtures fx = FhirFixtures.of(version);
        FhirReader reader = FhirReader.of(version);

        assertThat(reader.resource(fx.practitioner(new PractitionerSpec()))).isEqualTo(new FhirPractitioner(
                "pr-2001", "1234567893", List.of("Renée"), "O'Brien", "renee.obrien@example.com", "+1 512 555 0142",
                List.of("100 Congress Ave", "Suite 300"), "Austin", "Texas", "78701"));
        assertThat(((FhirPractitioner) reader.resource(fx.practitioner(
                new PractitionerSpec().npiSystem("urn:oid:2.16.840.1.113883.4.6.local")))).npi()).isNull();
    }

    @ParameterizedTest
    @EnumSource(FhirVersion.class)
    void orderWithCodeableConceptMedication(FhirVersion version) {
        FhirFixtures fx = FhirFixtures.of(version);

        Object read = FhirReader.of(version).resource(fx.order(new OrderSpec()));

        assertThat(read).isEqualTo(new FhirMedicationOrder("rx-3001", version, "pt-1001", "pr-2001", "active",
                "2025-06-01", new FhirMedication("Amoxicillin 500 MG Oral Capsule", "308191", "500 mg", "Oral Capsule"), null,
                List.of(new FhirDosage(null, "Take 1 capsule by mouth three times daily for 10 days", List.of(), null,
                        false, null, null, null, null, new FhirQuantity(new BigDecimal("500"), "mg"), null, null,
                        null)),
                new FhirQuantity(new BigDecimal("30"), "capsule"), "3", 10, version == FhirVersion.R4 ? "order" : null));
    }

    @ParameterizedTest
    @EnumSource(FhirVersion.class)
    void containedMedicationIsResolvedWithStrengthAndForm(FhirVersion version) {
        FhirFixtures fx = FhirFixtures.of(version);

        FhirMedicationOrder read = (FhirMedicationOrder) FhirReader.of(version)
                .resource(fx.order(new OrderSpec().contained(MedicationSpec.withStrength())));

        assertThat(read.medication())
                .isEqualTo(new FhirMedication("Amoxicillin 500 MG Oral Capsule", "308191", "500 mg", "capsule"));
        assertThat(read.medicationReference()).isNull();
    }

    @ParameterizedTest
    @EnumSource(FhirVersion.class)
    void referencedMedicationIsLeftForTheCallerToFetch(FhirVersion version) {
        FhirFixtures fx = FhirFixtures.of(version);
        FhirReader reader = FhirReader.of(version);

        FhirMedicationOrder read = (FhirMedicationOrder) reader.resource(fx.order(new OrderSpec().referenced()));
        FhirMedicationEntry fetched = (FhirMedicationEntry) reader
                .resource(fx.medication(MedicationSpec.withStrength(), "med-77"));

        assertThat(read.medication()).isNull();
        assertThat(read.medicationReference()).isEqualTo("Medication/med-77").isEqualTo(fetched.reference());
        assertThat(read.withMedication(fetched.medication()).medication().strength()).isEqualTo("500 mg");
    }

    @ParameterizedTest(name = "{0}: {1} {2} -> {3}")
    @CsvSource(nullValues = "NULL", textBlock = """
            R4,    30,  d,  30
            R4,    4,   wk, 28
            R4,    1,   mo, 30
            R4,    12,  h,  NULL
            R4,    NULL, d, NULL
            DSTU2, 30,  d,  30
            DSTU2, 4,   wk, 28
            DSTU2, 1,   mo, 30
            DSTU2, 12,  h,  NULL
            DSTU2, NULL, d, NULL
            """)
    void expectedSupplyDurationBecomesDays(FhirVersion version, String value, String code, Integer days) {
        FhirFixtures fx = FhirFixtures.of(version);

        FhirMedicationOrder read = (FhirMedicationOrder) FhirReader.of(version)
                .resource(fx.order(new OrderSpec().supply(value, code)));

        assertThat(read.daysSupply()).isEqualTo(days);
    }

    @ParameterizedTest
    @EnumSource(FhirVersion.class)
    void aBodyThatIsNotABundleIsAFormatErrorThatQuotesNothing(FhirVersion version) {
        FhirFixtures fx = FhirFixtures.of(version);
        FhirReader reader = FhirReader.of(version);

        assertThatThrownBy(() -> reader.searchPage(fx.patient(new PatientSpec())))
                .isInstanceOf(FhirFormatException.class).hasMessage("body is a FHIR Patient, not a Bundle");
        assertThatThrownBy(() -> reader.searchPage("{\"name\":\"Zoë Nguyễn\"}"))
                .isInstanceOf(FhirFormatException.class).hasMessage("body is not a FHIR resource (no resourceType)");
        assertThatThrownBy(() -> reader.searchPage("{\"resourceType\":\"Zoë Nguyễn, born 1985-03-15\"}"))
                .isInstanceOf(FhirFormatException.class).hasMessage("body is not a FHIR resource (no resourceType)");
        assertThatThrownBy(() -> reader.searchPage("<html>Zoë Nguyễn</html>"))
                .isInstanceOf(FhirFormatException.class).hasMessage("body is not valid JSON");
        assertThatThrownBy(() -> reader.searchPage(" ")).isInstanceOf(FhirFormatException.class)
                .hasMessage("body is empty");
    }

    @ParameterizedTest
    @EnumSource(FhirVersion.class)
    void resourceOfAnotherVersionOrTypeIsRejected(FhirVersion version) {
        FhirReader reader = FhirReader.of(version);
        String otherVersionOrder = "{\"resourceType\":\"" + (version == FhirVersion.R4 ? "MedicationOrder"
                : "MedicationRequest") + "\",\"id\":\"rx-1\",\"status\":\"active\"}";

        assertThatThrownBy(() -> reader.resource(otherVersionOrder)).isInstanceOf(FhirFormatException.class)
                .hasMessageContaining("is not a resource type medsync reads from FHIR " + version);
        assertThat(reader.version()).isEqualTo(version);
    }
}
