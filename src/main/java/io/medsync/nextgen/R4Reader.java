package io.medsync.nextgen;

import static io.medsync.nextgen.FhirElements.text;

import java.util.List;
import java.util.Map;

import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Timing;

import ca.uhn.fhir.context.FhirContext;

import io.medsync.tenant.FhirVersion;

/** FHIR R4 (HAPI {@code org.hl7.fhir.r4.model}) → neutral records. */
final class R4Reader extends HapiReader {

    static final R4Reader INSTANCE = new R4Reader();

    private R4Reader() {
        super(FhirContext.forR4Cached(), Map.of(
                "Patient", r -> patient((Patient) r),
                "Practitioner", r -> practitioner((Practitioner) r),
                "MedicationRequest", r -> order((MedicationRequest) r),
                "Medication", r -> new FhirMedicationEntry(r.getIdElement().getIdPart(), medication((Medication) r))));
    }

    @Override
    public FhirVersion version() {
        return FhirVersion.R4;
    }

    private static FhirPatient patient(Patient p) {
        String gp = p.getGeneralPractitioner().stream().map(r -> referenceId(r, "Practitioner"))
                .filter(id -> id != null).findFirst().orElse(null);
        String gender = p.getGender() == null || p.getGender() == Enumerations.AdministrativeGender.NULL ? null
                : p.getGender().toCode();
        if (gender == null) {
            gender = FhirElements.sexCode(extensionCode(p, FhirElements.US_CORE_SEX));
        }
        if (gender == null) {
            gender = FhirElements.sexCode(extensionCode(p, FhirElements.US_CORE_BIRTH_SEX));
        }
        boolean deceased = p.hasDeceasedDateTimeType()
                || p.hasDeceasedBooleanType() && p.getDeceasedBooleanType().booleanValue();
        return FhirElements.patient(p.getIdElement().getIdPart(), p.getName().stream().map(R4Reader::name).toList(),
                p.getBirthDateElement().getValueAsString(), gender, addresses(p.getAddress()),
                telecoms(p.getTelecom()), gp, deceased);
    }

    /** The code of an extension whose value is a code or a Coding, else null. */
    private static String extensionCode(Patient p, String url) {
        Extension e = p.getExtensionByUrl(url);
        if (e == null || e.getValue() == null) {
            return null;
        }
        return e.getValue() instanceof Coding c ? c.getCode() : e.getValue().primitiveValue();
    }

    private static FhirPractitioner practitioner(Practitioner p) {
        return FhirElements.practitioner(p.getIdElement().getIdPart(), p.getIdentifier().stream()
                .map(i -> new FhirElements.Identifier(i.getSystem(), i.getValue())).toList(),
                FhirElements.preferredName(p.getName().stream().map(R4Reader::name).toList()),
                telecoms(p.getTelecom()), addresses(p.getAddress()));
    }

    private static FhirMedicationOrder order(MedicationRequest r) {
        FhirMedication medication = null;
        String medicationReference = null;
        if (r.hasMedicationCodeableConcept()) {
            medication = concept(r.getMedicationCodeableConcept(), null, null);
        } else if (r.hasMedicationReference()) {
            Reference ref = r.getMedicationReference();
            Medication contained = contained(r, ref, Medication.class);
            if (contained != null) {
                medication = medication(contained);
            } else {
                String id = referenceId(ref, "Medication");
                medicationReference = id == null ? null : "Medication/" + id;
            }
        }
        MedicationRequest.MedicationRequestDispenseRequestComponent dispense = r.getDispenseRequest();
        Duration supply = dispense.hasExpectedSupplyDuration() ? dispense.getExpectedSupplyDuration() : new Duration();
        FhirMedicationOrder order = new FhirMedicationOrder(r.getIdElement().getIdPart(), FhirVersion.R4,
                referenceId(r.getSubject(), "Patient"), referenceId(r.getRequester(), "Practitioner"),
                r.getStatus() == null ? null : r.getStatus().toCode(),
                text(r.getAuthoredOnElement().getValueAsString()), medication, medicationReference,
                r.getDosageInstruction().stream().map(R4Reader::dosage).toList(),
                dispense.hasQuantity() ? quantity(dispense.getQuantity()) : null,
                text(dispense.getNumberOfRepeatsAllowedElement().getValueAsString()),
                FhirElements.days(supply.getValue(), supply.getCode(), supply.getUnit()),
                r.getIntent() == null ? null : r.getIntent().toCode());
        String role = referenceId(r.getRequester(), "PractitionerRole");
        if (role != null) {
            // US Core names the prescriber through a PractitionerRole: the sync reads it for its practitioner.
            return order.withPrescriberRole("PractitionerRole/" + role);
        }
        Practitioner prescriber = contained(r, r.getRequester(), Practitioner.class);
        return prescriber == null ? order : order.withContainedPrescriber(FhirElements.contained(
                practitioner(prescriber), localId(r.getRequester().getReference())));
    }

    private static String localId(String reference) {
        return reference == null ? null : reference.replaceFirst("^#", "");
    }

    /** One dosage instruction; the dose is the first doseAndRate's dose (quantity or range). */
    private static FhirDosage dosage(Dosage d) {
        FhirQuantity dose = null;
        FhirQuantity low = null;
        FhirQuantity high = null;
        for (Dosage.DosageDoseAndRateComponent dr : d.getDoseAndRate()) {
            if (dr.hasDoseQuantity()) {
                dose = quantity(dr.getDoseQuantity());
                break;
            }
            if (dr.hasDoseRange()) {
                low = dr.getDoseRange().hasLow() ? quantity(dr.getDoseRange().getLow()) : null;
                high = dr.getDoseRange().hasHigh() ? quantity(dr.getDoseRange().getHigh()) : null;
                break;
            }
        }
        boolean asNeeded = d.hasAsNeededCodeableConcept()
                || d.hasAsNeededBooleanType() && d.getAsNeededBooleanType().booleanValue();
        return new FhirDosage(d.hasSequence() ? d.getSequence() : null, text(d.getText()),
                d.getAdditionalInstruction().stream().map(R4Reader::conceptText).filter(t -> t != null).toList(),
                text(d.getPatientInstruction()), asNeeded,
                d.hasAsNeededCodeableConcept() ? conceptText(d.getAsNeededCodeableConcept()) : null,
                d.hasRoute() ? conceptText(d.getRoute()) : null, d.hasMethod() ? conceptText(d.getMethod()) : null,
                d.hasSite() ? conceptText(d.getSite()) : null, dose, low, high,
                d.hasTiming() ? timing(d.getTiming()) : null);
    }

    private static FhirTiming timing(Timing t) {
        Timing.TimingRepeatComponent r = t.getRepeat();
        String code = t.hasCode() ? FhirElements.timingCode(t.getCode().getText(), t.getCode().getCoding().stream()
                .map(c -> new FhirElements.Coding(c.getSystem(), c.getCode(), c.getDisplay())).toList()) : null;
        Period bounds = r.hasBoundsPeriod() ? r.getBoundsPeriod() : new Period();
        return new FhirTiming(code, r.hasFrequency() ? r.getFrequency() : null,
                r.hasFrequencyMax() ? r.getFrequencyMax() : null, r.hasPeriod() ? r.getPeriod() : null,
                r.hasPeriodMax() ? r.getPeriodMax() : null, r.hasPeriodUnit() ? r.getPeriodUnit().toCode() : null,
                r.getDayOfWeek().stream().map(PrimitiveType::getValueAsString).filter(v -> v != null).toList(),
                r.getTimeOfDay().stream().map(PrimitiveType::getValueAsString).filter(v -> v != null).toList(),
                r.getWhen().stream().map(PrimitiveType::getValueAsString).filter(v -> v != null).toList(),
                r.hasOffset() ? r.getOffset() : null, r.hasCount() ? r.getCount() : null,
                r.hasCountMax() ? r.getCountMax() : null, r.hasDuration() ? r.getDuration() : null,
                r.hasDurationUnit() ? r.getDurationUnit().toCode() : null,
                r.hasBoundsDuration() ? quantity(r.getBoundsDuration()) : null,
                text(bounds.getStartElement().getValueAsString()), text(bounds.getEndElement().getValueAsString()));
    }

    private static String conceptText(CodeableConcept c) {
        return FhirElements.conceptText(c.getText(), c.getCoding().stream()
                .map(x -> new FhirElements.Coding(x.getSystem(), x.getCode(), x.getDisplay())).toList());
    }

    /** The contained resource of that type a local reference ("#med1") points to, or null. */
    private static <T extends Resource> T contained(MedicationRequest r, Reference ref, Class<T> type) {
        if (type.isInstance(ref.getResource())) {
            return type.cast(ref.getResource()); // HAPI links local references to the contained resource
        }
        String local = ref.getReference();
        if (local == null || !local.startsWith("#")) {
            return null;
        }
        for (Resource c : r.getContained()) {
            String id = c.getIdElement().getIdPart();
            if (type.isInstance(c) && id != null && local.substring(1).equals(id.replaceFirst("^#", ""))) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static FhirMedication medication(Medication m) {
        String strength = m.getIngredient().stream().filter(i -> i.hasStrength())
                .map(i -> FhirElements.strength(quantity(i.getStrength().getNumerator()),
                        quantity(i.getStrength().getDenominator())))
                .filter(s -> s != null).findFirst().orElse(null);
        return concept(m.getCode(), strength, m.hasForm() ? formText(m.getForm()) : null);
    }

    private static String formText(CodeableConcept form) {
        return text(form.getText()) != null ? form.getText()
                : form.getCoding().stream().map(c -> c.getDisplay()).filter(d -> text(d) != null).findFirst()
                        .orElse(null);
    }

    private static FhirMedication concept(CodeableConcept c, String strength, String form) {
        return FhirElements.medication(c.getText(), c.getCoding().stream()
                .map(x -> new FhirElements.Coding(x.getSystem(), x.getCode(), x.getDisplay())).toList(), strength,
                form);
    }

    private static FhirQuantity quantity(Quantity q) {
        return q == null ? null : FhirElements.quantity(q.getValue(), q.getUnit(), q.getCode());
    }

    private static String referenceId(Reference ref, String type) {
        if (ref == null || !ref.hasReference() || ref.getReference().startsWith("#")) {
            return null;
        }
        return FhirElements.referenceId(ref.getReferenceElement().getResourceType(),
                ref.getReferenceElement().getIdPart(), type);
    }

    private static FhirElements.Name name(HumanName n) {
        return new FhirElements.Name(n.getUse() == null ? null : n.getUse().toCode(),
                FhirElements.texts(n.getGiven().stream().map(PrimitiveType::getValue).toList()), text(n.getFamily()),
                n.hasPeriod() ? text(n.getPeriod().getEndElement().getValueAsString()) : null);
    }

    private static List<FhirElements.Telecom> telecoms(List<ContactPoint> points) {
        return points.stream().map(t -> new FhirElements.Telecom(t.getSystem() == null ? null : t.getSystem().toCode(),
                t.getUse() == null ? null : t.getUse().toCode(), t.getValue(), t.hasRank() ? t.getRank() : null,
                t.hasPeriod() ? text(t.getPeriod().getEndElement().getValueAsString()) : null)).toList();
    }

    private static List<FhirElements.PostalAddress> addresses(List<Address> addresses) {
        return addresses.stream().map(a -> new FhirElements.PostalAddress(a.getLine().stream()
                .map(PrimitiveType::getValue).toList(), a.getCity(), a.getState(), a.getPostalCode(),
                a.getUse() == null ? null : a.getUse().toCode(),
                a.hasPeriod() ? text(a.getPeriod().getEndElement().getValueAsString()) : null)).toList();
    }
}
