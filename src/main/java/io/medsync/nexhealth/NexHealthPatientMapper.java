package io.medsync.nexhealth;

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
 * NexHealth patient → NovaMed {@code PatientRequest}, with {@code practitioner_id} left null for dependency
 * resolution. Pure and deterministic given the clock; a record that cannot be sent fails with a
 * {@link MappingException} whose reason names the field and rule, never the value.
 */
@ApplicationScoped
public class NexHealthPatientMapper {

    private final Clock clock;

    /** Production: "today" for the future-date-of-birth check is the UTC date. */
    public NexHealthPatientMapper() {
        this(Clock.systemUTC());
    }

    /** Tests pin "today" with a fixed clock. */
    public NexHealthPatientMapper(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Every check runs (names, date of birth, address) and every failure is reported at once, so an operator fixes
     * the source in one go; missing tenant defaults are reported on their own.
     * Contacts are empty → {@code null} (the key is omitted from the JSON), never an empty list.
     *
     * @throws MappingException when the patient cannot become a patient request; no other exception escapes
     */
    public NovaMedPatient map(NexHealthPatient patient, MappingDefaults defaults) {
        return MappingException.guard("patient", () -> doMap(patient, defaults));
    }

    private NovaMedPatient doMap(NexHealthPatient patient, MappingDefaults defaults) {
        String clinicId = MappingDefaultsRules.requireClinicId(defaults);
        if (patient == null) {
            throw new MappingException("patient record is missing");
        }
        NexHealthBio bio = patient.bio() == null ? NexHealthBio.empty() : patient.bio();
        Problems problems = new Problems();
        String firstName = problems.check(() -> Names.bounded(Names.require(patient.firstName(),
                "patient first_name", NovaMedPatient.MIN_FIRST_NAME_LENGTH), "patient first_name", Names.MAX_NAME));
        String lastName = problems.check(() -> Names.bounded(Names.require(patient.lastName(), "patient last_name",
                1), "patient last_name", Names.MAX_NAME));
        String middleName = problems.check(() -> Names.bounded(Names.clean(patient.middleName()),
                "patient middle_name", Names.MAX_NAME));

        String dob = problems.check(() -> BirthDates.toIsoDate(bio.dateOfBirth(), LocalDate.now(clock),
                "patient bio.date_of_birth"));

        // NovaMed ships medication to this address, so a patient without a complete one is not sent.
        UsAddress address = BioAddress.of(bio, patient.address());
        if (!address.complete()) {
            problems.add("patient bio address is incomplete (" + address.problems() + ")");
        }
        problems.throwIfAny();

        List<NovaMedPatient.Contact> contacts = new ArrayList<>();
        Emails.plausible(patient.email()).ifPresent(e -> contacts.add(new NovaMedPatient.Contact("email", e)));
        // Cell first: it is the number most likely to reach the patient about a shipment.
        for (String phone : PhoneNumbers.distinctValid(bio.cellPhoneNumber(), bio.phoneNumber(),
                bio.homePhoneNumber(), bio.workPhoneNumber())) {
            contacts.add(new NovaMedPatient.Contact("phone", phone));
        }

        String status = Boolean.TRUE.equals(patient.inactive()) ? "inactive" : "active";

        return new NovaMedPatient(firstName, middleName, lastName, Genders.toNovaMed(bio.gender()), dob,
                MappingDefaultsRules.species(defaults), status, null, clinicId,
                contacts.isEmpty() ? null : List.copyOf(contacts),
                List.of(new NovaMedPatient.Address(address.line1(), address.line2(), address.city(),
                        address.stateCode(), address.zipCode())));
    }
}
