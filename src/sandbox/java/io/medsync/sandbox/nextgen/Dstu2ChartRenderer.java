package io.medsync.sandbox.nextgen;

import java.time.Instant;
import java.util.Date;

import ca.uhn.fhir.model.dstu2.composite.AddressDt;
import ca.uhn.fhir.model.dstu2.composite.CodeableConceptDt;
import ca.uhn.fhir.model.dstu2.composite.DurationDt;
import ca.uhn.fhir.model.dstu2.composite.HumanNameDt;
import ca.uhn.fhir.model.dstu2.composite.ResourceReferenceDt;
import ca.uhn.fhir.model.dstu2.composite.SimpleQuantityDt;
import ca.uhn.fhir.model.dstu2.composite.TimingDt;
import ca.uhn.fhir.model.dstu2.resource.BaseResource;
import ca.uhn.fhir.model.dstu2.resource.Medication;
import ca.uhn.fhir.model.dstu2.resource.MedicationOrder;
import ca.uhn.fhir.model.dstu2.resource.Patient;
import ca.uhn.fhir.model.dstu2.resource.Practitioner;
import ca.uhn.fhir.model.dstu2.valueset.AddressUseEnum;
import ca.uhn.fhir.model.dstu2.valueset.AdministrativeGenderEnum;
import ca.uhn.fhir.model.dstu2.valueset.ContactPointSystemEnum;
import ca.uhn.fhir.model.dstu2.valueset.ContactPointUseEnum;
import ca.uhn.fhir.model.dstu2.valueset.MedicationOrderStatusEnum;
import ca.uhn.fhir.model.dstu2.valueset.NameUseEnum;
import ca.uhn.fhir.model.dstu2.valueset.UnitsOfTimeEnum;
import ca.uhn.fhir.model.primitive.DateDt;
import ca.uhn.fhir.model.primitive.DateTimeDt;

import io.medsync.sandbox.nextgen.Chart.MedicationForm;

/**
 * Renders the version-neutral {@link Chart} records as FHIR DSTU2 resources (HAPI's {@code model.dstu2}
 * structures): MedicationOrder with {@code dateWritten}, {@code prescriber}, {@code dosageInstruction}.
 */
final class Dstu2ChartRenderer {

    private Dstu2ChartRenderer() {
    }

    static Patient patient(Chart.Patient p) {
        Patient r = stamp(new Patient(), p.id(), p.lastUpdated());
        r.addIdentifier().setSystem(FhirTerms.MRN_SYSTEM).setValue(p.mrn());
        HumanNameDt name = r.addName().setUse(NameUseEnum.OFFICIAL).addFamily(p.family());
        p.given().forEach(name::addGiven);
        if (p.birthDate() != null) {
            r.setBirthDate(new DateDt(p.birthDate()));
        }
        r.setGender(AdministrativeGenderEnum.forCode(FhirTerms.genderCode(p.gender())));
        if (p.deceased()) {
            r.setDeceased(new ca.uhn.fhir.model.primitive.BooleanDt(true));
        }
        if (p.address() != null) {
            address(r.addAddress(), p.address());
        }
        if (p.phone() != null) {
            r.addTelecom().setSystem(ContactPointSystemEnum.PHONE).setValue(p.phone())
                    .setUse(ContactPointUseEnum.HOME);
        }
        if (p.email() != null) {
            r.addTelecom().setSystem(ContactPointSystemEnum.EMAIL).setValue(p.email());
        }
        return r;
    }

    static Practitioner practitioner(Chart.Practitioner p) {
        Practitioner r = stamp(new Practitioner(), p.id(), p.lastUpdated());
        if (p.npi() != null) {
            r.addIdentifier().setSystem(FhirTerms.NPI_SYSTEM).setValue(p.npi());
        }
        HumanNameDt name = new HumanNameDt().addFamily(p.family());
        p.given().forEach(name::addGiven);
        r.setName(name);
        if (p.address() != null) {
            address(r.addAddress(), p.address());
        }
        if (p.phone() != null) {
            r.addTelecom().setSystem(ContactPointSystemEnum.PHONE).setValue(p.phone())
                    .setUse(ContactPointUseEnum.WORK);
        }
        if (p.email() != null) {
            r.addTelecom().setSystem(ContactPointSystemEnum.EMAIL).setValue(p.email())
                    .setUse(ContactPointUseEnum.WORK);
        }
        return r;
    }

    static Medication medication(Chart.Medication m) {
        return stamp(new Medication(), m.id(), m.lastUpdated()).setCode(rxNorm(m.rxNormCode(), m.display()));
    }

    static MedicationOrder medicationOrder(Chart.Order o) {
        MedicationOrder r = stamp(new MedicationOrder(), o.id(), o.lastUpdated());
        r.setStatus(MedicationOrderStatusEnum.forCode(o.status().code()));
        r.setPatient(new ResourceReferenceDt("Patient/" + o.patientId()));
        r.setDateWritten(new DateTimeDt(o.authoredOn().toString()));
        if (o.medicationForm() == MedicationForm.CODEABLE_CONCEPT) {
            r.setMedication(rxNorm(o.rxNormCode(), o.medicationText()));
        } else if (o.medicationForm() == MedicationForm.CONTAINED) {
            Medication contained = new Medication().setCode(rxNorm(o.rxNormCode(), o.medicationText()));
            contained.setId(R4ChartRenderer.CONTAINED_MEDICATION_ID);
            r.getContained().getContainedResources().add(contained);
            r.setMedication(new ResourceReferenceDt("#" + R4ChartRenderer.CONTAINED_MEDICATION_ID));
        } else {
            r.setMedication(new ResourceReferenceDt("Medication/" + o.medicationId()).setDisplay(o.medicationText()));
        }
        if (o.requesterId() != null) {
            r.setPrescriber(new ResourceReferenceDt("Practitioner/" + o.requesterId()));
        }
        if (o.dosage() != null) {
            MedicationOrder.DosageInstruction dosage = r.addDosageInstruction().setText(o.dosage().text());
            if (o.dosage().structured()) {
                SimpleQuantityDt dose = new SimpleQuantityDt();
                dose.setValue(o.dosage().doseValue()).setUnit(o.dosage().doseUnit()).setSystem(FhirTerms.UCUM_SYSTEM)
                        .setCode(o.dosage().doseUnit());
                dosage.setDose(dose);
                TimingDt timing = new TimingDt();
                timing.getRepeat().setFrequency(o.dosage().timesPerDay()).setPeriod(1)
                        .setPeriodUnits(UnitsOfTimeEnum.D);
                dosage.setTiming(timing);
            }
        }
        Chart.Dispense d = o.dispense();
        MedicationOrder.DispenseRequest dispense = r.getDispenseRequest();
        if (d.quantity() != null) {
            SimpleQuantityDt quantity = new SimpleQuantityDt();
            quantity.setValue(d.quantity()).setUnit(d.quantityUnit());
            dispense.setQuantity(quantity);
        }
        if (d.repeatsAllowed() != null) {
            dispense.setNumberOfRepeatsAllowed(d.repeatsAllowed());
        }
        if (d.supplyDays() != null) {
            DurationDt duration = new DurationDt();
            duration.setValue(d.supplyDays()).setUnit("days").setSystem(FhirTerms.UCUM_SYSTEM).setCode("d");
            dispense.setExpectedSupplyDuration(duration);
        }
        return r;
    }

    private static CodeableConceptDt rxNorm(String code, String text) {
        CodeableConceptDt cc = new CodeableConceptDt().setText(text);
        cc.addCoding().setSystem(FhirTerms.RXNORM_SYSTEM).setCode(code).setDisplay(text);
        return cc;
    }

    private static void address(AddressDt address, Chart.Address a) {
        address.setUse(AddressUseEnum.HOME).setCity(a.city()).setState(a.state()).setPostalCode(a.postalCode())
                .setCountry("US");
        a.lines().forEach(address::addLine);
    }

    private static <T extends BaseResource> T stamp(T resource, String id, Instant lastUpdated) {
        resource.setId(id);
        resource.getMeta().setLastUpdated(Date.from(lastUpdated));
        return resource;
    }
}
