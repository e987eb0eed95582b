package io.medsync.nextgen;

import static io.medsync.nextgen.FhirElements.text;

import java.util.List;
import java.util.Map;


import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.IDatatype;
import ca.uhn.fhir.model.api.IResource;
import ca.uhn.fhir.model.dstu2.composite.AddressDt;
import ca.uhn.fhir.model.dstu2.composite.CodeableConceptDt;
import ca.uhn.fhir.model.dstu2.composite.CodingDt;
import ca.uhn.fhir.model.dstu2.composite.ContactPointDt;
import ca.uhn.fhir.model.dstu2.composite.HumanNameDt;
import ca.uhn.fhir.model.dstu2.composite.DurationDt;
import ca.uhn.fhir.model.dstu2.composite.PeriodDt;
import ca.uhn.fhir.model.dstu2.composite.QuantityDt;
import ca.uhn.fhir.model.dstu2.composite.RangeDt;
import ca.uhn.fhir.model.dstu2.composite.TimingDt;
import ca.uhn.fhir.model.dstu2.composite.ResourceReferenceDt;
import ca.uhn.fhir.model.dstu2.resource.Medication;
import ca.uhn.fhir.model.dstu2.resource.MedicationOrder;
import ca.uhn.fhir.model.dstu2.resource.Patient;
import ca.uhn.fhir.model.dstu2.resource.Practitioner;
import ca.uhn.fhir.model.api.IPrimitiveDatatype;
import ca.uhn.fhir.model.primitive.BooleanDt;
import ca.uhn.fhir.model.primitive.DateTimeDt;
import ca.uhn.fhir.model.primitive.StringDt;

import io.medsync.tenant.FhirVersion;

/** FHIR DSTU2 (HAPI {@code ca.uhn.fhir.model.dstu2}) → neutral records; prescriptions are MedicationOrders. */
final class Dstu2Reader extends HapiReader {

    static final Dstu2Reader INSTANCE = new Dstu2Reader();

    private Dstu2Reader() {
        super(FhirContext.forDstu2Cached(), Map.of(
                "Patient", r -> patient((Patient) r),
                "Practitioner", r -> practitioner((Practitioner) r),
                "MedicationOrder", r -> order((MedicationOrder) r),
                "Medication", r -> new FhirMedicationEntry(r.getIdElement().getIdPart(), medication((Medication) r))));
    }

    @Override
    public FhirVersion version() {
        return FhirVersion.DSTU2;
    }

    private static FhirPatient patient(Patient p) {
        String gp = p.getCareProvider().stream().map(r -> referenceId(r, "Practitioner")).filter(id -> id != null)
                .findFirst().orElse(null);
        String gender = text(p.getGender());
        if (gender == null) {
            gender = FhirElements.sexCode(extensionCode(p, FhirElements.US_CORE_SEX));
        }
        if (gender == null) {
            gender = FhirElements.sexCode(extensionCode(p, FhirElements.US_CORE_BIRTH_SEX));
        }
        boolean deceased = p.getDeceased() instanceof DateTimeDt at && !at.isEmpty()
                || p.getDeceased() instanceof BooleanDt b && Boolean.TRUE.equals(b.getValue());
        return FhirElements.patient(p.getIdElement().getIdPart(), p.getName().stream().map(Dstu2Reader::name)
                .toList(), p.getBirthDateElement().getValueAsString(), gender, addresses(p.getAddress()),
                telecoms(p.getTelecom()), gp, deceased);
    }

    /** The code of an undeclared extension whose value is a code or a Coding, else null. */
    private static String extensionCode(Patient p, String url) {
        return p.getUndeclaredExtensionsByUrl(url).stream().map(e -> e.getValue())
                .map(v -> v instanceof CodingDt c ? c.getCode()
                        : v instanceof IPrimitiveDatatype<?> code ? code.getValueAsString() : null)
                .filter(c -> c != null).findFirst().orElse(null);
    }

    private static FhirPractitioner practitioner(Practitioner p) {
        // DSTU2 Practitioner has a single name.
        return FhirElements.practitioner(p.getIdElement().getIdPart(), p.getIdentifier().stream()
                .map(i -> new FhirElements.Identifier(i.getSystem(), i.getValue())).toList(),
                p.getName().isEmpty() ? null : name(p.getName()), telecoms(p.getTelecom()), addresses(p.getAddress()));
    }

    private static FhirMedicationOrder order(MedicationOrder o) {
        FhirMedication medication = null;
        String medicationReference = null;
        IDatatype medicationX = o.getMedication();
        if (medicationX instanceof CodeableConceptDt concept && !concept.isEmpty()) {
            medication = concept(concept, null, null);
        } else if (medicationX instanceof ResourceReferenceDt ref && !ref.isEmpty()) {
            Medication contained = contained(o, ref, Medication.class);
            if (contained != null) {
                medication = medication(contained);
            } else {
                String id = referenceId(ref, "Medication");
                medicationReference = id == null ? null : "Medication/" + id;
            }
        }
        MedicationOrder.DispenseRequest dispense = o.getDispenseRequest();
        FhirMedicationOrder order = new FhirMedicationOrder(o.getIdElement().getIdPart(), FhirVersion.DSTU2,
                referenceId(o.getPatient(), "Patient"), referenceId(o.getPrescriber(), "Practitioner"),
                text(o.getStatus()), text(o.getDateWrittenElement().getValueAsString()), medication,
                medicationReference, o.getDosageInstruction().stream().map(Dstu2Reader::dosage).toList(),
                quantity(dispense.getQuantity()),
                text(dispense.getNumberOfRepeatsAllowedElement().getValueAsString()),
                FhirElements.days(dispense.getExpectedSupplyDuration().getValue(),
                        dispense.getExpectedSupplyDuration().getCode(), dispense.getExpectedSupplyDuration().getUnit()),
                null);
        Practitioner prescriber = contained(o, o.getPrescriber(), Practitioner.class);
        return prescriber == null ? order : order.withContainedPrescriber(FhirElements.contained(
                practitioner(prescriber), o.getPrescriber().getReference().getValue().replaceFirst("^#", "")));
    }

    /** One dosage instruction; DSTU2 has no sequence and no patient instruction, and one additional instruction. */
    private static FhirDosage dosage(MedicationOrder.DosageInstruction d) {
        FhirQuantity dose = null;
        FhirQuantity low = null;
        FhirQuantity high = null;
        if (d.getDose() instanceof QuantityDt q && !q.isEmpty()) {
            dose = quantity(q);
        } else if (d.getDose() instanceof RangeDt range && !range.isEmpty()) {
            low = range.getLow().isEmpty() ? null : quantity(range.getLow());
            high = range.getHigh().isEmpty() ? null : quantity(range.getHigh());
        }
        boolean asNeeded = d.getAsNeeded() instanceof BooleanDt b && Boolean.TRUE.equals(b.getValue())
                || d.getAsNeeded() instanceof CodeableConceptDt c && !c.isEmpty();
        String reason = d.getAsNeeded() instanceof CodeableConceptDt c && !c.isEmpty() ? conceptText(c) : null;
        String site = d.getSite() instanceof CodeableConceptDt c && !c.isEmpty() ? conceptText(c) : null;
        String additional = conceptText(d.getAdditionalInstructions());
        return new FhirDosage(null, text(d.getText()), additional == null ? List.of() : List.of(additional), null,
                asNeeded, reason, conceptText(d.getRoute()), conceptText(d.getMethod()), site, dose, low, high,
                d.getTiming().isEmpty() ? null : timing(d.getTiming()));
    }

    private static FhirTiming timing(TimingDt t) {
        TimingDt.Repeat r = t.getRepeat();
        String code = t.getCode().isEmpty() ? null : FhirElements.timingCode(t.getCode().getText(),
                t.getCode().getCoding().stream()
                        .map(c -> new FhirElements.Coding(c.getSystem(), c.getCode(), c.getDisplay())).toList());
        FhirQuantity boundsDuration = r.getBounds() instanceof DurationDt d && !d.isEmpty() ? quantity(d) : null;
        PeriodDt bounds = r.getBounds() instanceof PeriodDt p ? p : new PeriodDt();
        return new FhirTiming(code, r.getFrequency(), r.getFrequencyMax(), r.getPeriod(), r.getPeriodMax(),
                text(r.getPeriodUnits()), List.of(), List.of(), text(r.getWhen()) == null ? List.of()
                        : List.of(r.getWhen()), null, r.getCount(), null, r.getDuration(), text(r.getDurationUnits()),
                boundsDuration, text(bounds.getStartElement().getValueAsString()),
                text(bounds.getEndElement().getValueAsString()));
    }

    private static String conceptText(CodeableConceptDt c) {
        return c == null || c.isEmpty() ? null : FhirElements.conceptText(c.getText(), c.getCoding().stream()
                .map(x -> new FhirElements.Coding(x.getSystem(), x.getCode(), x.getDisplay())).toList());
    }

    /** The contained resource of that type a local reference ("#med1") points to, or null. */
    private static <T extends IResource> T contained(MedicationOrder o, ResourceReferenceDt ref, Class<T> type) {
        if (type.isInstance(ref.getResource())) {
            return type.cast(ref.getResource()); // HAPI links local references to the contained resource
        }
        String local = ref.getReference().getValue();
        if (local == null || !local.startsWith("#")) {
            return null;
        }
        for (IResource c : o.getContained().getContainedResources()) {
            String id = c.getIdElement().getIdPart();
            if (type.isInstance(c) && id != null && local.substring(1).equals(id.replaceFirst("^#", ""))) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static FhirMedication medication(Medication m) {
        String strength = m.getProduct().getIngredient().stream().filter(i -> !i.getAmount().isEmpty())
                .map(i -> FhirElements.strength(quantity(i.getAmount().getNumerator()),
                        quantity(i.getAmount().getDenominator())))
                .filter(s -> s != null).findFirst().orElse(null);
        CodeableConceptDt form = m.getProduct().getForm();
        String formText = text(form.getText()) != null ? form.getText()
                : form.getCoding().stream().map(c -> c.getDisplay()).filter(d -> text(d) != null).findFirst()
                        .orElse(null);
        return concept(m.getCode(), strength, formText);
    }

    private static FhirMedication concept(CodeableConceptDt c, String strength, String form) {
        return FhirElements.medication(c.getText(), c.getCoding().stream()
                .map(x -> new FhirElements.Coding(x.getSystem(), x.getCode(), x.getDisplay())).toList(), strength,
                form);
    }

    private static FhirQuantity quantity(QuantityDt q) {
        return q == null ? null : FhirElements.quantity(q.getValue(), q.getUnit(), q.getCode());
    }

    private static String referenceId(ResourceReferenceDt ref, String type) {
        if (ref == null || ref.getReference().isEmpty() || ref.getReference().getValue().startsWith("#")) {
            return null;
        }
        return FhirElements.referenceId(ref.getReference().getResourceType(), ref.getReference().getIdPart(), type);
    }

    private static FhirElements.Name name(HumanNameDt n) {
        // DSTU2 allows several family names; they are one surname together ("García Márquez").
        String family = String.join(" ", FhirElements.texts(n.getFamily().stream().map(StringDt::getValue).toList()));
        return new FhirElements.Name(text(n.getUse()),
                FhirElements.texts(n.getGiven().stream().map(StringDt::getValue).toList()), text(family),
                text(n.getPeriod().getEndElement().getValueAsString()));
    }

    private static List<FhirElements.Telecom> telecoms(List<ContactPointDt> points) {
        return points.stream().map(t -> new FhirElements.Telecom(t.getSystem(), t.getUse(), t.getValue(), t.getRank(),
                text(t.getPeriod().getEndElement().getValueAsString()))).toList();
    }

    private static List<FhirElements.PostalAddress> addresses(List<AddressDt> addresses) {
        return addresses.stream().map(a -> new FhirElements.PostalAddress(a.getLine().stream()
                .map(StringDt::getValue).toList(), a.getCity(), a.getState(), a.getPostalCode(), text(a.getUse()),
                text(a.getPeriod().getEndElement().getValueAsString()))).toList();
    }
}
