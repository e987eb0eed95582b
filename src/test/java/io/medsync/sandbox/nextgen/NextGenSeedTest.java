package io.medsync.sandbox.nextgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.dstu2.composite.CodeableConceptDt;
import ca.uhn.fhir.model.dstu2.composite.ResourceReferenceDt;
import ca.uhn.fhir.model.dstu2.composite.SimpleQuantityDt;
import ca.uhn.fhir.model.dstu2.resource.MedicationOrder;

import io.medsync.sandbox.Npi;
import io.medsync.sandbox.SandboxClock;

/** The seeded charts carry every hard case the mappers must meet, in both FHIR versions, as served over HTTP. */
class NextGenSeedTest {

    private static final String NPI = "http://hl7.org/fhir/sid/us-npi";
    private static NextGenSandbox sandbox;
    private static List<Patient> patients;
    private static List<Practitioner> practitioners;
    private static List<MedicationRequest> requests;
    private static List<MedicationOrder> orders;

    @BeforeAll
    static void load() {
        sandbox = new NextGenSandbox(NextGenSandboxSettings.defaults().withPort(0), new SandboxClock());
        sandbox.start();
        FhirPages r4 = FhirPages.on(FhirContext.forR4Cached(), sandbox.baseUrl() + NextGenSandbox.OPEN_R4_BASE, null);
        FhirPages dstu2 = FhirPages.on(FhirContext.forDstu2Cached(),
                sandbox.baseUrl() + NextGenSandbox.OPEN_DSTU2_BASE, null);
        patients = r4.all("Patient").stream().map(Patient.class::cast).toList();
        practitioners = r4.all("Practitioner").stream().map(Practitioner.class::cast).toList();
        requests = patients.stream().flatMap(p -> r4.all("MedicationRequest?patient=" + p.getIdPart()).stream())
                .map(MedicationRequest.class::cast).toList();
        orders = patients.stream().flatMap(p -> dstu2.all("MedicationOrder?patient=" + p.getIdPart()).stream())
                .map(MedicationOrder.class::cast).toList();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void aboutTwelvePatientsWithTheSameIdsInBothVersionsAndIdenticalAcrossRuns() {
        assertThat(patients).hasSize(12);
        assertThat(FhirPages.ids(orders)).containsExactlyElementsOf(FhirPages.ids(requests));
        try (NextGenSandbox again = new NextGenSandbox(NextGenSandboxSettings.defaults(), new SandboxClock())) {
            assertThat(again.patientIds()).isEqualTo(sandbox.patientIds());
            assertThat(again.charts().orders()).extracting(Chart.Order::id)
                    .isEqualTo(sandbox.charts().orders().stream().map(Chart.Order::id).toList());
        }
        assertThat(Stream.of(patients, practitioners, requests).flatMap(List::stream))
                .allSatisfy(r -> assertThat(r.getMeta().getLastUpdated()).isNotNull());
        assertThat(orders).allSatisfy(o -> assertThat(o.getMeta().getLastUpdated()).isNotNull());
    }

    @Test
    void patientsCoverTheHardDemographicCases() {
        List<String> families = patients.stream().map(p -> p.getNameFirstRep().getFamily()).toList();
        assertThat(families).contains("Ångström-Nuñez", "Müller", "Żółć");
        assertThat(patients).anySatisfy(p -> {
            assertThat(p.getNameFirstRep().getGiven()).isEmpty();
            assertThat(p.getNameFirstRep().getFamily()).isNotBlank();
        });
        assertThat(patients).anySatisfy(p -> assertThat(p.hasBirthDate()).isFalse());
        assertThat(patients).anySatisfy(p -> assertThat(p.getBirthDateElement().getValueAsString())
                .isEqualTo("1980-04"));
        assertThat(patients).anySatisfy(p -> assertThat(p.getGender()).isEqualTo(AdministrativeGender.UNKNOWN));
        assertThat(patients).anySatisfy(p -> assertThat(p.getAddress()).isEmpty());
        List<Address> addresses = patients.stream().flatMap(p -> p.getAddress().stream()).toList();
        assertThat(addresses).anySatisfy(a -> assertThat(a.hasPostalCode()).isFalse())
                .anySatisfy(a -> assertThat(a.getPostalCode()).matches("\\d{5}"));
        assertThat(patients).anySatisfy(p -> assertThat(p.getTelecom()).extracting(ContactPoint::getSystem)
                .contains(ContactPoint.ContactPointSystem.PHONE, ContactPoint.ContactPointSystem.EMAIL));
        assertThat(patients).allSatisfy(p -> assertThat(p.getIdentifier()).extracting(Identifier::getValue)
                .allSatisfy(v -> assertThat(v).startsWith("MRN")));
    }

    @Test
    void practitionersHaveValidMissingAndInvalidNpis() {
        List<String> npis = practitioners.stream().map(p -> npi(p.getIdentifier())).toList();
        assertThat(npis).anySatisfy(n -> assertThat(Npi.isValid(n)).isTrue());
        assertThat(npis).containsNull();
        assertThat(npis).filteredOn(Objects::nonNull).anySatisfy(n -> {
            assertThat(n).matches("\\d{10}");
            assertThat(Npi.isValid(n)).isFalse();
        });
        assertThat(practitioners).extracting(p -> p.getNameFirstRep().getNameAsSingleString())
                .anySatisfy(n -> assertThat(n).contains("Østergaard"));
        assertThat(practitioners).anySatisfy(p -> assertThat(p.getAddress()).isNotEmpty())
                .anySatisfy(p -> assertThat(p.getTelecom()).isNotEmpty());
    }

    @Test
    void medicationRequestsCoverEveryStatusFormDosageAndDispenseCase() {
        assertThat(requests).extracting(r -> r.getStatus().toCode()).contains("active", "stopped", "completed",
                "on-hold", "draft", "entered-in-error");
        assertThat(requests).allSatisfy(r -> assertThat(r.getIntent())
                .isEqualTo(MedicationRequest.MedicationRequestIntent.ORDER));
        assertThat(requests).filteredOn(MedicationRequest::hasMedicationCodeableConcept)
                .anySatisfy(r -> assertThat(r.getMedicationCodeableConcept().getCodingFirstRep().getSystem())
                        .isEqualTo("http://www.nlm.nih.gov/research/umls/rxnorm"));
        List<String> references = requests.stream().filter(MedicationRequest::hasMedicationReference)
                .map(r -> r.getMedicationReference().getReference()).toList();
        assertThat(references).contains("#med1").anySatisfy(ref -> assertThat(ref).startsWith("Medication/"));

        assertThat(requests).anySatisfy(r -> {
            assertThat(r.getDosageInstructionFirstRep().getText()).isEqualTo("Take 1 tablet by mouth twice daily");
            assertThat(r.getDosageInstructionFirstRep().hasDoseAndRate()).isFalse();
        });
        assertThat(requests).anySatisfy(r -> {
            Quantity dose = r.getDosageInstructionFirstRep().getDoseAndRateFirstRep().getDoseQuantity();
            assertThat(dose.getValue()).isEqualByComparingTo("200");
            assertThat(dose.getUnit()).isEqualTo("mg");
            assertThat(r.getDosageInstructionFirstRep().getTiming().getRepeat().getFrequency()).isEqualTo(2);
            assertThat(r.getDosageInstructionFirstRep().getText()).isNotBlank();
        });
        assertThat(requests).anySatisfy(r -> assertThat(r.getDosageInstruction()).isEmpty());

        assertThat(requests).anySatisfy(r -> {
            assertThat(r.getDispenseRequest().getQuantity().getValue()).isPositive();
            assertThat(r.getDispenseRequest().getQuantity().getUnit()).isEqualTo("tablet");
        });
        assertThat(requests).extracting(r -> r.getDispenseRequest().hasNumberOfRepeatsAllowed()
                ? r.getDispenseRequest().getNumberOfRepeatsAllowed() : null).contains(0, 3, null);
        assertThat(requests).anySatisfy(r -> assertThat(r.getDispenseRequest().getExpectedSupplyDuration()
                .getValue()).isEqualByComparingTo("30"));
        assertThat(requests).anySatisfy(r -> assertThat(r.getDispenseRequest().hasExpectedSupplyDuration())
                .isFalse());
        assertThat(requests).anySatisfy(r -> assertThat(r.hasRequester()).isFalse());
        assertThat(requests).filteredOn(MedicationRequest::hasRequester)
                .allSatisfy(r -> assertThat(r.getRequester().getReference()).startsWith("Practitioner/"));
        assertThat(requests).allSatisfy(r -> assertThat(r.hasAuthoredOn()).isTrue());
    }

    @Test
    void dstu2MedicationOrdersCarryTheSameCasesInDstu2Shape() {
        assertThat(orders).extracting(o -> o.getStatusElement().getValueAsString()).contains("active", "stopped",
                "completed", "on-hold", "draft", "entered-in-error");
        assertThat(orders).allSatisfy(o -> assertThat(o.getDateWrittenElement().getValueAsString()).isNotBlank());
        assertThat(orders).anySatisfy(o -> assertThat(o.getMedication()).isInstanceOf(CodeableConceptDt.class));
        assertThat(orders).filteredOn(o -> o.getMedication() instanceof ResourceReferenceDt)
                .extracting(o -> ((ResourceReferenceDt) o.getMedication()).getReference().getValue())
                .contains("#med1").anySatisfy(ref -> assertThat(ref).startsWith("Medication/"));
        assertThat(orders).anySatisfy(o -> assertThat(o.getPrescriber().isEmpty()).isTrue());
        assertThat(orders).anySatisfy(o -> assertThat(o.getDosageInstruction()).isEmpty());
        assertThat(orders).filteredOn(o -> o.getDosageInstructionFirstRep().getDose() != null).anySatisfy(o -> {
            assertThat(o.getDosageInstructionFirstRep().getText()).isNotBlank();
            assertThat(((SimpleQuantityDt) o.getDosageInstructionFirstRep().getDose()).getValue())
                    .isEqualByComparingTo("200");
        });
        assertThat(orders).anySatisfy(o -> {
            MedicationOrder.DispenseRequest d = o.getDispenseRequest();
            assertThat(d.getNumberOfRepeatsAllowed()).isEqualTo(3);
            assertThat(d.getQuantity().getValue()).isPositive();
        });
        assertThat(orders).anySatisfy(o -> assertThat(o.getDispenseRequest().getExpectedSupplyDuration().getValue())
                .isEqualByComparingTo("30"));
    }

    private static String npi(List<Identifier> identifiers) {
        return identifiers.stream().filter(i -> NPI.equals(i.getSystem())).map(Identifier::getValue).findFirst()
                .orElse(null);
    }
}
