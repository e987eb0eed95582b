package io.medsync.nextgen;

import java.math.BigDecimal;
import java.util.List;

import org.hl7.fhir.instance.model.api.IBaseResource;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.dstu2.composite.AddressDt;
import ca.uhn.fhir.model.dstu2.composite.CodeableConceptDt;
import ca.uhn.fhir.model.dstu2.composite.DurationDt;
import ca.uhn.fhir.model.dstu2.composite.HumanNameDt;
import ca.uhn.fhir.model.dstu2.composite.QuantityDt;
import ca.uhn.fhir.model.dstu2.composite.RangeDt;
import ca.uhn.fhir.model.dstu2.composite.TimingDt;
import ca.uhn.fhir.model.dstu2.composite.RatioDt;
import ca.uhn.fhir.model.dstu2.composite.ResourceReferenceDt;
import ca.uhn.fhir.model.dstu2.composite.SimpleQuantityDt;
import ca.uhn.fhir.model.dstu2.resource.Medication;
import ca.uhn.fhir.model.dstu2.resource.MedicationOrder;
import ca.uhn.fhir.model.dstu2.resource.OperationOutcome;
import ca.uhn.fhir.model.dstu2.resource.Patient;
import ca.uhn.fhir.model.dstu2.resource.Practitioner;
import ca.uhn.fhir.model.dstu2.valueset.AdministrativeGenderEnum;
import ca.uhn.fhir.model.dstu2.valueset.ContactPointSystemEnum;
import ca.uhn.fhir.model.dstu2.valueset.EventTimingEnum;
import ca.uhn.fhir.model.dstu2.valueset.UnitsOfTimeEnum;
import ca.uhn.fhir.model.dstu2.valueset.ContactPointUseEnum;
import ca.uhn.fhir.model.dstu2.valueset.IssueSeverityEnum;
import ca.uhn.fhir.model.dstu2.valueset.MedicationOrderStatusEnum;
import ca.uhn.fhir.model.dstu2.valueset.NameUseEnum;
import ca.uhn.fhir.model.primitive.BooleanDt;
import ca.uhn.fhir.model.primitive.DateDt;
import ca.uhn.fhir.model.primitive.DateTimeDt;

import io.medsync.tenant.FhirVersion;

final class Dstu2Fixtures extends FhirFixtures {

    @Override
    public FhirVersion version() {
        return FhirVersion.DSTU2;
    }

    @Override
    FhirContext context() {
        return FhirContext.forDstu2Cached();
    }

    @Override
    IBaseResource build(PatientSpec s) {
        Patient p = new Patient();
        p.setId(s.id);
        for (Name n : s.names) {
            HumanNameDt name = p.addName().setUse(NameUseEnum.forCode(n.use()));
            if (n.family() != null) {
                name.addFamily(n.family());
            }
            n.given().forEach(name::addGiven);
        }
        if (s.birthDate != null) {
            p.setBirthDate(new DateDt(s.birthDate));
        }
        if (s.gender != null) {
            p.setGender(AdministrativeGenderEnum.forCode(s.gender));
        }
        p.addTelecom().setSystem(ContactPointSystemEnum.PHONE).setUse(ContactPointUseEnum.HOME).setValue(s.homePhone);
        p.addTelecom().setSystem(ContactPointSystemEnum.PHONE).setUse(ContactPointUseEnum.MOBILE)
                .setValue(s.mobilePhone);
        p.addTelecom().setSystem(ContactPointSystemEnum.EMAIL).setValue(s.email);
        p.addAddress(address(s.lines, s.city, s.state, s.postalCode));
        if (s.practitionerId != null) {
            p.addCareProvider().setReference("Practitioner/" + s.practitionerId);
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
        p.setName(new HumanNameDt().setUse(NameUseEnum.OFFICIAL).addFamily(s.family).addGiven(s.given));
        if (s.email != null) {
            p.addTelecom().setSystem(ContactPointSystemEnum.EMAIL).setValue(s.email);
        }
        p.addTelecom().setSystem(ContactPointSystemEnum.PHONE).setUse(ContactPointUseEnum.WORK).setValue(s.phone);
        if (!s.lines.isEmpty() || s.city != null) {
            p.addAddress(address(s.lines, s.city, s.state, s.postalCode));
        }
        return p;
    }

    @Override
    IBaseResource build(OrderSpec s) {
        MedicationOrder o = new MedicationOrder();
        o.setId(s.id);
        o.setStatus(MedicationOrderStatusEnum.forCode(s.status));
        o.setPatient(new ResourceReferenceDt("Patient/" + s.patientId));
        o.setPrescriber(new ResourceReferenceDt("Practitioner/" + s.practitionerId));
        o.setDateWritten(new DateTimeDt(s.authoredOn));
        switch (s.kind) {
            case CONCEPT -> o.setMedication(concept(s.medication));
            case CONTAINED -> {
                Medication m = medication(s.medication);
                m.setId("med1");
                o.getContained().getContainedResources().add(m);
                o.setMedication(new ResourceReferenceDt("#med1"));
            }
            case REFERENCE -> o.setMedication(new ResourceReferenceDt("Medication/" + s.referencedMedicationId));
            case NONE -> {
            }
        }
        if (s.dosages != null) {
            s.dosages.forEach(d -> dosage(o.addDosageInstruction(), d));
        } else if (s.dosageText != null || s.dose != null) {
            MedicationOrder.DosageInstruction d = o.addDosageInstruction().setText(s.dosageText);
            if (s.dose != null) {
                d.setDose(simpleQuantity(s.dose, s.doseUnit));
            }
        }
        MedicationOrder.DispenseRequest dispense = o.getDispenseRequest();
        if (s.quantity != null) {
            dispense.setQuantity(simpleQuantity(s.quantity, s.quantityUnit));
        }
        if (s.refills != null) {
            dispense.setNumberOfRepeatsAllowed(s.refills);
        }
        if (s.supply != null) {
            DurationDt duration = new DurationDt();
            duration.setValue(s.supply).setSystem(UCUM).setCode(s.supplyCode).setUnit(s.supplyCode);
            dispense.setExpectedSupplyDuration(duration);
        }
        return o;
    }

    private static void dosage(MedicationOrder.DosageInstruction d, DosageSpec s) {
        d.setText(s.text);
        if (s.dose != null) {
            d.setDose(simpleQuantity(s.dose, s.doseUnit));
        } else if (s.doseLow != null) {
            d.setDose(new RangeDt().setLow(simpleQuantity(s.doseLow, s.doseUnit))
                    .setHigh(simpleQuantity(s.doseHigh, s.doseUnit)));
        }
        if (s.route != null) {
            d.setRoute(snomed(s.route));
        }
        if (s.method != null) {
            d.setMethod(snomed(s.method));
        }
        TimingDt.Repeat repeat = d.getTiming().getRepeat();
        if (s.frequency != null) {
            repeat.setFrequency(s.frequency);
        }
        if (s.period != null) {
            repeat.setPeriod(s.period).setPeriodUnits(UnitsOfTimeEnum.forCode(s.periodUnit));
        }
        if (!s.when.isEmpty()) {
            repeat.setWhen(EventTimingEnum.forCode(s.when.get(0)));
        }
        if (s.boundsValue != null) {
            DurationDt bounds = new DurationDt();
            bounds.setValue(s.boundsValue).setSystem(UCUM).setCode(s.boundsUnit).setUnit(s.boundsUnit);
            repeat.setBounds(bounds);
        }
        if (s.asNeeded) {
            d.setAsNeeded(s.asNeededReason == null ? new BooleanDt(true) : snomed(s.asNeededReason));
        }
        if (!s.additional.isEmpty()) {
            d.setAdditionalInstructions(snomed(s.additional.get(0)));
        }
    }

    private static CodeableConceptDt snomed(String display) {
        CodeableConceptDt c = new CodeableConceptDt();
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
        o.addIssue().setSeverity(IssueSeverityEnum.INFORMATION).setCode(ca.uhn.fhir.model.dstu2.valueset.IssueTypeEnum.INFORMATIONAL_NOTE).setDiagnostics(diagnostics);
        return o;
    }

    private static Medication medication(MedicationSpec s) {
        Medication m = new Medication().setCode(concept(s));
        if (s.strength != null) {
            RatioDt ratio = new RatioDt().setNumerator(quantity(s.strength, s.strengthUnit));
            if (s.strengthPer != null) {
                ratio.setDenominator(new QuantityDt().setValue(1L).setUnit(s.strengthPer));
            }
            m.getProduct().addIngredient().setAmount(ratio);
        }
        if (s.form != null) {
            m.getProduct().setForm(new CodeableConceptDt().setText(s.form));
        }
        return m;
    }

    private static CodeableConceptDt concept(MedicationSpec s) {
        CodeableConceptDt c = new CodeableConceptDt().setText(s.text);
        c.addCoding().setSystem("http://www.nlm.nih.gov/research/umls/rxnorm").setCode(s.rxNorm)
                .setDisplay(s.display);
        return c;
    }

    private static QuantityDt quantity(BigDecimal value, String unit) {
        return new QuantityDt().setValue(value).setUnit(unit).setSystem(UCUM).setCode(unit);
    }

    private static SimpleQuantityDt simpleQuantity(BigDecimal value, String unit) {
        SimpleQuantityDt q = new SimpleQuantityDt();
        q.setValue(value).setUnit(unit).setSystem(UCUM).setCode(unit);
        return q;
    }

    private static AddressDt address(List<String> lines, String city, String state, String postalCode) {
        AddressDt a = new AddressDt().setCity(city).setState(state).setPostalCode(postalCode);
        lines.forEach(a::addLine);
        return a;
    }
}
