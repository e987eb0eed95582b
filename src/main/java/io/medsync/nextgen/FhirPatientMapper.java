package io.medsync.nextgen;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import io.medsync.mapping.BirthDates;
import io.medsync.mapping.Emails;
import io.medsync.mapping.Genders;
import io.medsync.mapping.MappingDefaultsRules;
import io.medsync.mapping.MappingException;
import io.medsync.mapping.Names;
import io.medsync.mapping.PhoneNumbers;
import io.medsync.mapping.Problems;
import io.medsync.mapping.UsAddress;
import io.medsync.novamed.NovaMedPatient;
import io.medsync.tenant.MappingDefaults;

/**
 * FHIR Patient (R4 or DSTU2, read into {@link FhirPatient}) → NovaMed {@code PatientRequest}, with
 * {@code practitioner_id} left null for dependency resolution. The same rules as for NexHealth patients; a record
 * that cannot be sent fails with a {@link MappingException} whose reason names the element and rule, never the value.
 */
@ApplicationScoped
public class FhirPatientMapper {

    private final Clock clock;

    /** Production: "today" for the future-birth-date check is the UTC date. */
    public FhirPatientMapper() {
        this(Clock.systemUTC());
    }

    /** Tests pin "today" with a fixed clock. */
    public FhirPatientMapper(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Every check runs (deceased, names, birth date, address, sizes) and every failure is reported at once. The
     * first given name is NovaMed's first name, the other given names its middle name.
     *
     * @throws MappingException when the patient cannot become a patient request; no other exception escapes
     */
    public NovaMedPatient toNovaMed(FhirPatient patient, MappingDefaults defaults) {
        return MappingException.guard("patient", () -> map(patient, defaults));
    }

    private NovaMedPatient map(FhirPatient patient, MappingDefaults defaults) {
        String clinicId = MappingDefaultsRules.requireClinicId(defaults);
        if (patient == null) {
            throw new MappingException("patient record is missing");
        }
        Problems problems = new Problems();
        if (Boolean.TRUE.equals(patient.deceased())) {
            // A pharmacy must not ship to, or keep an active chart for, a patient who has died.
            problems.add("patient is deceased (deceased[x]); records of deceased patients are not sent");
        }
        List<String> given = patient.given() == null ? List.of()
                : patient.given().stream().map(Names::clean).filter(Objects::nonNull).toList();
        String firstName = problems.check(() -> Names.bounded(Names.require(given.isEmpty() ? null : given.get(0),
                "patient name.given", NovaMedPatient.MIN_FIRST_NAME_LENGTH), "patient name.given", Names.MAX_NAME));
        String middleName = given.size() < 2 ? null
                : problems.check(() -> Names.bounded(String.join(" ", given.subList(1, given.size())),
                        "patient name.given (middle)", Names.MAX_NAME));
        String lastName = problems.check(() -> Names.bounded(Names.require(patient.family(), "patient name.family",
                1), "patient name.family", Names.MAX_NAME));

        // NovaMed needs a full date; a partial FHIR birthDate ("1980", "1980-04") is rejected, never completed.
        String dob = problems.check(() -> BirthDates.toIsoDate(patient.birthDate(), LocalDate.now(clock),
                "patient birth date"));

        // NovaMed ships medication to this address, so a patient without a complete current one is not sent.
        UsAddress address = UsAddress.fromFhir(patient.addressLines(), patient.city(), patient.state(),
                patient.postalCode());
        if (!address.complete()) {
            problems.add("patient address is incomplete (" + address.problems() + ")");
        } else {
            problems.check(() -> Names.bounded(address.line1(), "patient address.line", Names.MAX_ADDRESS_LINE));
            problems.check(() -> Names.bounded(address.line2(), "patient address.line", Names.MAX_ADDRESS_LINE));
            problems.check(() -> Names.bounded(address.city(), "patient address.city", Names.MAX_NAME));
        }
        problems.throwIfAny();

        List<NovaMedPatient.Contact> contacts = new ArrayList<>();
        Emails.plausible(patient.email()).ifPresent(e -> contacts.add(new NovaMedPatient.Contact("email", e)));
        PhoneNumbers.normalize(patient.phone()).ifPresent(p -> contacts.add(new NovaMedPatient.Contact("phone", p)));

        // FHIR's administrative gender codes are NovaMed's enum (the reader falls back to US Core's sex extensions);
        // status is not sent (the reader does not carry Patient.active, and NovaMed's default applies).
        return new NovaMedPatient(firstName, middleName, lastName, Genders.toNovaMed(patient.gender()), dob,
                MappingDefaultsRules.species(defaults), null, null, clinicId,
                contacts.isEmpty() ? null : List.copyOf(contacts),
                List.of(new NovaMedPatient.Address(address.line1(), address.line2(), address.city(),
                        address.stateCode(), address.zipCode())));
    }
}
