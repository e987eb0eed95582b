package io.medsync.sandbox.nextgen;

import java.time.Instant;
import java.util.Date;

import org.hl7.fhir.r4.model.Address;
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
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Timing;

import io.medsync.sandbox.nextgen.Chart.MedicationForm;

/** Renders the version-neutral {@link Chart} records as FHIR R4 resources (fresh objects on every call). */
final class R4ChartRenderer {

    static final String CONTAINED_MEDICATION_ID = "med1";

    private R4ChartRenderer() {
    }

    static Patient patient(Chart.Patient p) {
        Patient r = stamp(new Patient(), p.id(), p.lastUpdated());
        r.addIdentifier().setSystem(FhirTerms.MRN_SYSTEM).setValue(p.mrn())
                .setType(new CodeableConcept().addCoding(FhirTerms.mrnType()));
        HumanName name = r.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily(p.family());
        p.given().forEach(name::addGiven);
        if (p.birthDate() != null) {
            r.setBirthDateElement(new DateType(p.birthDate()));
        }
        r.setGender(AdministrativeGender.fromCode(FhirTerms.genderCode(p.gender())));
        if (p.deceased()) {
            r.setDeceased(new org.hl7.fhir.r4.model.BooleanType(true));
        }
        if (p.address() != null) {
            r.addAddress(address(p.address()));
        }
        if (p.phone() != null) {
            r.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(p.phone())
                    .setUse(ContactPoint.ContactPointUse.HOME);
        }
        if (p.email() != null) {
            r.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(p.email());
        }
        return r;
    }

    static Practitioner practitioner(Chart.Practitioner p) {
        Practitioner r = stamp(new Practitioner(), p.id(), p.lastUpdated());
        if (p.npi() != null) {
            r.addIdentifier().setSystem(FhirTerms.NPI_SYSTEM).setValue(p.npi());
        }
        HumanName name = r.addName().setFamily(p.family());
        p.given().forEach(name::addGiven);
        if (p.address() != null) {
            r.addAddress(address(p.address()));
        }
        if (p.phone() != null) {
            r.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(p.phone())
                    .setUse(ContactPoint.ContactPointUse.WORK);
        }
        if (p.email() != null) {
            r.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(p.email())
                    .setUse(ContactPoint.ContactPointUse.WORK);
        }
        return r;
    }

    static Medication medication(Chart.Medication m) {
        return stamp(new Medication(), m.id(), m.lastUpdated()).setCode(rxNorm(m.rxNormCode(), m.display()));
    }

    static MedicationRequest medicationRequest(Chart.Order o) {
        MedicationRequest r = stamp(new MedicationRequest(), o.id(), o.lastUpdated());
        r.setStatus(MedicationRequest.MedicationRequestStatus.fromCode(o.status().code()));
        r.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        r.setSubject(new Reference("Patient/" + o.patientId()));
        r.setAuthoredOnElement(new DateTimeType(o.authoredOn().toString()));
        if (o.medicationForm() == MedicationForm.CODEABLE_CONCEPT) {
            r.setMedication(rxNorm(o.rxNormCode(), o.medicationText()));
        } else if (o.medicationForm() == MedicationForm.CONTAINED) {
            Medication contained = new Medication().setCode(rxNorm(o.rxNormCode(), o.medicationText()));
            contained.setId(CONTAINED_MEDICATION_ID);
            r.addContained(contained);
            r.setMedication(new Reference("#" + CONTAINED_MEDICATION_ID));
        } else {
            r.setMedication(new Reference("Medication/" + o.medicationId()).setDisplay(o.medicationText()));
        }
        if (o.requesterId() != null) {
            r.setRequester(new Reference("Practitioner/" + o.requesterId()));
        }
        if (o.dosage() != null) {
            r.addDosageInstruction(dosage(o.dosage()));
        }
        Chart.Dispense d = o.dispense();
        MedicationRequest.MedicationRequestDispenseRequestComponent dispense = r.getDispenseRequest();
        if (d.quantity() != null) {
            dispense.setQuantity(new Quantity().setValue(d.quantity()).setUnit(d.quantityUnit()));
        }
        if (d.repeatsAllowed() != null) {
            dispense.setNumberOfRepeatsAllowed(d.repeatsAllowed());
        }
        if (d.supplyDays() != null) {
            dispense.setExpectedSupplyDuration((Duration) new Duration().setValue(d.supplyDays()).setUnit("days")
                    .setSystem(FhirTerms.UCUM_SYSTEM).setCode("d"));
        }
        return r;
    }

    private static Dosage dosage(Chart.Dosage d) {
        Dosage dosage = new Dosage().setText(d.text());
        if (d.structured()) {
            dosage.addDoseAndRate().setDose(new Quantity().setValue(d.doseValue()).setUnit(d.doseUnit())
                    .setSystem(FhirTerms.UCUM_SYSTEM).setCode(d.doseUnit()));
            dosage.setTiming(new Timing().setRepeat(new Timing.TimingRepeatComponent().setFrequency(d.timesPerDay())
                    .setPeriod(1).setPeriodUnit(Timing.UnitsOfTime.D)));
        }
        return dosage;
    }

    private static CodeableConcept rxNorm(String code, String text) {
        CodeableConcept cc = new CodeableConcept().setText(text);
        cc.addCoding().setSystem(FhirTerms.RXNORM_SYSTEM).setCode(code).setDisplay(text);
        return cc;
    }

    private static Address address(Chart.Address a) {
        Address address = new Address().setUse(Address.AddressUse.HOME).setCity(a.city()).setState(a.state())
                .setPostalCode(a.postalCode()).setCountry("US");
        a.lines().forEach(address::addLine);
        return address;
    }

    private static <T extends Resource> T stamp(T resource, String id, Instant lastUpdated) {
        resource.setId(id);
        resource.getMeta().setLastUpdated(Date.from(lastUpdated));
        return resource;
    }
}
