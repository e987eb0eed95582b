package io.medsync.nextgen;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.instance.model.api.IBaseResource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ca.uhn.fhir.context.FhirContext;

import io.medsync.tenant.FhirVersion;

/**
 * Realistic FHIR resources for tests, built with HAPI's own model classes (R4 and DSTU2) from version-neutral
 * specs and serialised with the version's JSON parser, so the readers are tested against what a FHIR server sends.
 */
public abstract class FhirFixtures {

    public static final String UCUM = "http://unitsofmeasure.org";

    private static final ObjectMapper JSON = new ObjectMapper();

    public static FhirFixtures of(FhirVersion version) {
        return version == FhirVersion.R4 ? new R4Fixtures() : new Dstu2Fixtures();
    }

    public abstract FhirVersion version();

    abstract FhirContext context();

    abstract IBaseResource build(PatientSpec spec);

    abstract IBaseResource build(PractitionerSpec spec);

    abstract IBaseResource build(OrderSpec spec);

    abstract IBaseResource build(MedicationSpec spec, String id);

    abstract IBaseResource operationOutcome(String diagnostics);

    /**
     * A searchset Bundle of the given resources, as JSON. The Bundle's own JSON is the same in R4 and DSTU2; its
     * entries are the version's HAPI resources as HAPI serialises them.
     */
    public String bundle(String nextUrl, Integer total, List<IBaseResource> resources) {
        ObjectNode bundle = JSON.createObjectNode().put("resourceType", "Bundle").put("id", "page-1")
                .put("type", "searchset");
        if (total != null) {
            bundle.put("total", total);
        }
        ArrayNode links = bundle.putArray("link");
        links.addObject().put("relation", "self").put("url", "https://fhir.example.test/fhir/MedicationRequest");
        if (nextUrl != null) {
            links.addObject().put("relation", "next").put("url", nextUrl);
        }
        ArrayNode entries = bundle.putArray("entry");
        try {
            for (IBaseResource r : resources) {
                entries.addObject().set("resource", JSON.readTree(json(r)));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return bundle.toString();
    }

    public String json(IBaseResource resource) {
        return context().newJsonParser().encodeResourceToString(resource);
    }

    public String patient(PatientSpec spec) {
        return json(build(spec));
    }

    public String practitioner(PractitionerSpec spec) {
        return json(build(spec));
    }

    public String order(OrderSpec spec) {
        return json(build(spec));
    }

    public String medication(MedicationSpec spec, String id) {
        return json(build(spec, id));
    }

    // ---- specs (mutable builders with realistic defaults) -------------------------------------------------------

    /** A name: use code (official, usual...), given names, family. */
    public record Name(String use, List<String> given, String family) {
    }

    public static final class PatientSpec {
        public String id = "pt-1001";
        /** A nickname first, then the official name: the reader must prefer the official one. */
        public List<Name> names = new ArrayList<>(List.of(new Name("usual", List.of("Zo"), "N"),
                new Name("official", List.of("Zoë", "Ann"), "Nguyễn")));
        public String birthDate = "1985-03-15";
        public String gender = "female";
        public List<String> lines = List.of("12 Maple Ave", "Apt 4B");
        public String city = "Austin", state = "TX", postalCode = "78701";
        public String homePhone = "(512) 555-0100", mobilePhone = "512-555-0199", email = "zoe.nguyen@example.org";
        public String practitionerId = "pr-2001";

        public PatientSpec name(String given, String family) {
            List<String> g = given == null ? List.of() : List.of(given);
            names = new ArrayList<>(List.of(new Name("official", g, family)));
            return this;
        }

        public PatientSpec birthDate(String v) { birthDate = v; return this; }
        public PatientSpec city(String v) { city = v; return this; }
        public PatientSpec state(String v) { state = v; return this; }
    }

    public static final class PractitionerSpec {
        public String id = "pr-2001";
        public String npi = "1234567893";
        public String npiSystem = "http://hl7.org/fhir/sid/us-npi";
        public String given = "Renée", family = "O'Brien";
        public String email = "renee.obrien@example.com", phone = "+1 512 555 0142";
        public List<String> lines = List.of("100 Congress Ave", "Suite 300");
        public String city = "Austin", state = "Texas", postalCode = "78701";

        public PractitionerSpec npi(String v) { npi = v; return this; }
        public PractitionerSpec npiSystem(String v) { npiSystem = v; return this; }
        public PractitionerSpec email(String v) { email = v; return this; }
        public PractitionerSpec noAddress() { lines = List.of(); city = state = postalCode = null; return this; }
    }

    /** A medication: CodeableConcept text, RxNorm code and display, and optionally strength and form. */
    public static final class MedicationSpec {
        public String text = "Amoxicillin 500 MG Oral Capsule", rxNorm = "308191", display = "Amoxicillin 500 MG";
        public BigDecimal strength = null;
        public String strengthUnit = "mg", strengthPer = null;
        public String form = null;

        public static MedicationSpec concept() {
            return new MedicationSpec();
        }

        /** With an ingredient strength of 500 mg per capsule and a form. */
        public static MedicationSpec withStrength() {
            MedicationSpec m = new MedicationSpec();
            m.strength = new BigDecimal("500");
            m.strengthPer = "capsule";
            m.form = "capsule";
            return m;
        }
    }

    public enum MedicationKind { CONCEPT, CONTAINED, REFERENCE, NONE }

    /**
     * One structured dosage instruction. DSTU2 has no sequence, patient instruction, timeOfDay or dayOfWeek, one
     * additional instruction and one {@code when}; the DSTU2 fixture ignores what it cannot carry.
     */
    public static final class DosageSpec {
        public Integer sequence;
        public String text;
        public BigDecimal dose, doseLow, doseHigh;
        public String doseUnit;
        public String route, method;
        public Integer frequency;
        public BigDecimal period;
        public String periodUnit;
        public List<String> when = List.of(), timeOfDay = List.of();
        public BigDecimal boundsValue;
        public String boundsUnit;
        public boolean asNeeded;
        public String asNeededReason;
        public List<String> additional = List.of();
        public String patientInstruction;

        public static DosageSpec text(String text) {
            DosageSpec d = new DosageSpec();
            d.text = text;
            return d;
        }

        /** dose unit route, frequency per period periodUnit. */
        public static DosageSpec structured(String dose, String unit, String route, Integer frequency, String period,
                String periodUnit) {
            DosageSpec d = new DosageSpec();
            d.dose = dose == null ? null : new BigDecimal(dose);
            d.doseUnit = unit;
            d.route = route;
            d.frequency = frequency;
            d.period = period == null ? null : new BigDecimal(period);
            d.periodUnit = periodUnit;
            return d;
        }

        public DosageSpec sequence(int v) { sequence = v; return this; }
        public DosageSpec range(String low, String high, String unit) {
            dose = null;
            doseLow = new BigDecimal(low);
            doseHigh = new BigDecimal(high);
            doseUnit = unit;
            return this;
        }
        public DosageSpec bounds(String value, String unit) { boundsValue = new BigDecimal(value); boundsUnit = unit; return this; }
        public DosageSpec prn(String reason) { asNeeded = true; asNeededReason = reason; return this; }
        public DosageSpec when(String... codes) { when = List.of(codes); return this; }
        public DosageSpec timeOfDay(String... times) { timeOfDay = List.of(times); return this; }
        public DosageSpec additional(String... v) { additional = List.of(v); return this; }
        public DosageSpec patient(String v) { patientInstruction = v; return this; }
    }

    public static final class OrderSpec {
        public String id = "rx-3001";
        public String status = "active";
        /** R4 only: DSTU2 MedicationOrders have no intent. */
        public String intent = "order";
        public String patientId = "pt-1001", practitionerId = "pr-2001";
        public String authoredOn = "2025-06-01";
        public MedicationKind kind = MedicationKind.CONCEPT;
        public MedicationSpec medication = MedicationSpec.concept();
        public String referencedMedicationId = "med-77";
        public String dosageText = "Take 1 capsule by mouth three times daily for 10 days";
        public BigDecimal dose = new BigDecimal("500");
        public String doseUnit = "mg";
        public BigDecimal quantity = new BigDecimal("30");
        public String quantityUnit = "capsule";
        /** When set, these dosage instructions replace the single one of dosageText/dose. */
        public List<DosageSpec> dosages = null;
        public Integer refills = 3;
        public BigDecimal supply = new BigDecimal("10");
        public String supplyCode = "d";

        public OrderSpec status(String v) { status = v; return this; }
        public OrderSpec intent(String v) { intent = v; return this; }
        public OrderSpec contained(MedicationSpec m) { kind = MedicationKind.CONTAINED; medication = m; return this; }
        public OrderSpec referenced() { kind = MedicationKind.REFERENCE; return this; }
        public OrderSpec dosage(String text, String dose, String unit) {
            dosageText = text;
            this.dose = dose == null ? null : new BigDecimal(dose);
            doseUnit = unit;
            return this;
        }
        public OrderSpec dosages(DosageSpec... v) { dosages = List.of(v); return this; }
        public OrderSpec quantity(String v) { quantity = v == null ? null : new BigDecimal(v); return this; }
        public OrderSpec refills(Integer v) { refills = v; return this; }
        public OrderSpec supply(String value, String code) {
            supply = value == null ? null : new BigDecimal(value);
            supplyCode = code;
            return this;
        }
    }
}
