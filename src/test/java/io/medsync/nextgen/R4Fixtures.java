package io.medsync.nextgen;

import java.util.List;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Timing;

import ca.uhn.fhir.context.FhirContext;

import io.medsync.tenant.FhirVersion;

final class R4Fixtures extends FhirFixtures {

    @Override
    public FhirVersion version() {
        return FhirVersion.R4;
    }

    @Override
    FhirContext context() {
        return FhirContext.forR4Cached();
    }

    @Override
    IBaseResource build(PatientSpec s) {
        Patient p = new Patient();
        p.setId(s.id);
        for (Name n : s.names) {
            HumanName name = p.addName().setUse(HumanName.NameUse.fromCode(n.use())).setFamily(n.family());
            n.given().forEach(name::addGiven);
        }
        if (s.birthDate != null) {
            p.setBirthDateElement(new DateType(s.birthDate));
        }
        p.setGender(s.gender == null ? null : AdministrativeGender.fromCode(s.gender));
        p.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setUse(ContactPoint.ContactPointUse.HOME)
                .setValue(s.homePhone);
        p.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setUse(ContactPoint.ContactPointUse.MOBILE)
                .setValue(s.mobilePhone);
        p.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(s.email);
        p.addAddress(address(s.lines, s.city, s.state, s.postalCode));
        if (s.practitionerId != null) {
            p.addGeneralPractitioner(new Reference("Practitioner/" + s.practitionerId));
        }
        return p;
    }

    @Override
    IBaseResource build(PractitionerSpec s) {
        Practitioner p = new Practitioner();
        p.setId(s.id);
        p.addIdentifier().setSystem("http://hl7.org/fhir/sid/us-dea").setValue("AB1234563");
        if (s.npi != null) {
            p.addIdentifier().setSystem(s.npiSystem).setValue(s.npi);
        }
        p.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily(s.family).addGiven(s.given);
        if (s.email != null) {
            p.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(s.email);
        }
        p.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setUse(ContactPoint.ContactPointUse.WORK)
                .setValue(s.phone);
        if (!s.lines.isEmpty() || s.city != null) {
            p.addAddress(address(s.lines, s.city, s.state, s.postalCode));
        }
        return p;
    }

    @Override
    IBaseResource build(OrderSpec s) {
        MedicationRequest r = new MedicationRequest();
        r.setId(s.id);
        r.setStatus(MedicationRequest.MedicationRequestStatus.fromCode(s.status));
        r.setIntent(s.intent == null ? null : MedicationRequest.MedicationRequestIntent.fromCode(s.intent));
        r.setSubject(new Reference("Patient/" + s.patientId));
        r.setRequester(new Reference("Practitioner/" + s.practitionerId));
        r.setAuthoredOnElement(new DateTimeType(s.authoredOn));
        switch (s.kind) {
            case CONCEPT -> r.setMedication(concept(s.medication));
            case CONTAINED -> {
                Medication m = medication(s.medication);
                m.setId("med1");
                r.addContained(m);
                r.setMedication(new Reference("#med1"));
            }
            case REFERENCE -> r.setMedication(new Reference("Medication/" + s.referencedMedicationId));
            case NONE -> {
            }
        }
        if (s.dosages != null) {
            s.dosages.forEach(d -> r.addDosageInstruction(dosage(d)));
        } else if (s.dosageText != null || s.dose != null) {
            Dosage d = r.addDosageInstruction().setText(s.dosageText);
            if (s.dose != null) {
                d.addDoseAndRate().setDose(quantity(s.dose, s.doseUnit));
            }
        }
        MedicationRequest.MedicationRequestDispenseRequestComponent dispense = r.getDispenseRequest();
        if (s.quantity != null) {
            dispense.setQuantity(quantity(s.quantity, s.quantityUnit));
        }
        if (s.refills != null) {
            dispense.setNumberOfRepeatsAllowed(s.refills);
        }
        if (s.supply != null) {
            dispense.setExpectedSupplyDuration((Duration) new Duration().setValue(s.supply).setSystem(UCUM)
                    .setCode(s.supplyCode).setUnit(s.supplyCode));
        }
        return r;
    }

    private static Dosage dosage(DosageSpec s) {
        Dosage d = new Dosage().setText(s.text).setPatientInstruction(s.patientInstruction);
        if (s.sequence != null) {
            d.setSequence(s.sequence);
        }
        if (s.dose != null) {
            d.addDoseAndRate().setDose(quantity(s.dose, s.doseUnit));
        } else if (s.doseLow != null) {
            d.addDoseAndRate().setDose(new Range().setLow(quantity(s.doseLow, s.doseUnit))
                    .setHigh(quantity(s.doseHigh, s.doseUnit)));
        }
        if (s.route != null) {
            d.setRoute(snomed(s.route));
        }
        if (s.method != null) {
            d.setMethod(snomed(s.method));
        }
        Timing.TimingRepeatComponent repeat = d.getTiming().getRepeat();
        if (s.frequency != null) {
            repeat.setFrequency(s.frequency);
        }
        if (s.period != null) {
            repeat.setPeriod(s.period).setPeriodUnit(Timing.UnitsOfTime.fromCode(s.periodUnit));
        }
        s.when.forEach(w -> repeat.addWhen(Timing.EventTiming.fromCode(w)));
        s.timeOfDay.forEach(repeat::addTimeOfDay);
        if (s.boundsValue != null) {
            repeat.setBounds(new Duration().setValue(s.boundsValue).setSystem(UCUM).setCode(s.boundsUnit)
                    .setUnit(s.boundsUnit));
        }
        if (s.asNeeded) {
            d.setAsNeeded(s.asNeededReason == null ? new BooleanType(true) : snomed(s.asNeededReason));
        }
        s.additional.forEach(a -> d.addAdditionalInstruction(snomed(a)));
        return d;
    }

    /** A coded concept as EHRs send it: a SNOMED coding with a display, no text. */
    private static CodeableConcept snomed(String display) {
        CodeableConcept c = new CodeableConcept();
        c.addCoding().setSystem("http://snomed.info/sct").setCode("0").setDisplay(display);
        return c;
    }

    @Override
    IBaseResource build(MedicationSpec spec, String id) {
        Medication m = medication(spec);
        m.setId(id);
        return m;
    }

    @Override
    IBaseResource operationOutcome(String diagnostics) {
        OperationOutcome o = new OperationOutcome();
        o.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                .setCode(OperationOutcome.IssueType.INFORMATIONAL).setDiagnostics(diagnostics);
        return o;
    }

    private static Medication medication(MedicationSpec s) {
        Medication m = new Medication().setCode(concept(s));
        if (s.strength != null) {
            Ratio ratio = new Ratio().setNumerator(quantity(s.strength, s.strengthUnit));
            if (s.strengthPer != null) {
                ratio.setDenominator(new Quantity().setValue(1).setUnit(s.strengthPer));
            }
            m.addIngredient().setItem(new CodeableConcept().setText("amoxicillin")).setStrength(ratio);
        }
        if (s.form != null) {
            m.setForm(new CodeableConcept().setText(s.form));
        }
        return m;
    }

    private static CodeableConcept concept(MedicationSpec s) {
        CodeableConcept c = new CodeableConcept().setText(s.text);
        c.addCoding().setSystem("http://www.nlm.nih.gov/research/umls/rxnorm").setCode(s.rxNorm)
                .setDisplay(s.display);
        return c;
    }

    private static Quantity quantity(java.math.BigDecimal value, String unit) {
        return new Quantity().setValue(value).setUnit(unit).setSystem(UCUM).setCode(unit);
    }

    private static Address address(List<String> lines, String city, String state, String postalCode) {
        Address a = new Address().setCity(city).setState(state).setPostalCode(postalCode);
        lines.forEach(a::addLine);
        return a;
    }
}
