package io.medsync.nextgen;

import jakarta.enterprise.context.ApplicationScoped;

import io.medsync.mapping.Emails;
import io.medsync.mapping.MappingDefaultsRules;
import io.medsync.mapping.MappingException;
import io.medsync.mapping.Names;
import io.medsync.mapping.Npis;
import io.medsync.mapping.PhoneNumbers;
import io.medsync.mapping.Problems;
import io.medsync.mapping.UsAddress;
import io.medsync.novamed.NovaMedPractitioner;
import io.medsync.tenant.MappingDefaults;

/**
 * FHIR Practitioner (R4 or DSTU2, read into {@link FhirPractitioner}) → NovaMed {@code PractitionerRequest}, with the
 * same rules as NexHealth providers: a valid NPI and an email are required (NovaMed keys practitioners by NPI and
 * requires an email; neither is invented), the tenant's practice address stands in for a missing one.
 */
@ApplicationScoped
public class FhirPractitionerMapper {

    /**
     * Every check runs (names, email, NPI, address) and every failure is reported at once.
     *
     * @throws MappingException when the practitioner cannot become a practitioner request; no other exception
     *         escapes
     */
    public NovaMedPractitioner toNovaMed(FhirPractitioner practitioner, MappingDefaults defaults) {
        return MappingException.guard("practitioner", () -> map(practitioner, defaults));
    }

    private NovaMedPractitioner map(FhirPractitioner practitioner, MappingDefaults defaults) {
        String clinicId = MappingDefaultsRules.requireClinicId(defaults);
        if (practitioner == null) {
            throw new MappingException("practitioner record is missing");
        }
        Problems problems = new Problems();
        String given = practitioner.given() == null || practitioner.given().isEmpty() ? null
                : practitioner.given().get(0);
        String firstName = problems.check(() -> Names.bounded(Names.require(given, "practitioner name.given",
                NovaMedPractitioner.MIN_NAME_LENGTH), "practitioner name.given", Names.MAX_NAME));
        String lastName = problems.check(() -> Names.bounded(Names.require(practitioner.family(),
                "practitioner name.family", NovaMedPractitioner.MIN_NAME_LENGTH), "practitioner name.family",
                Names.MAX_NAME));
        String email = problems.check(() -> Emails.require(practitioner.email(), "practitioner email"));
        String npi = problems.check(() -> Npis.normalize(practitioner.npi(), "practitioner npi"));
        UsAddress address = problems.check(() -> UsAddress.fromFhir(practitioner.addressLines(),
                practitioner.city(), practitioner.state(), practitioner.postalCode())
                .orPractice(defaults, "practitioner address"));
        problems.throwIfAny();
        // Phone is optional for NovaMed: an unusable number is omitted, not a failure.
        String phone = PhoneNumbers.normalize(practitioner.phone()).orElse(null);

        return new NovaMedPractitioner(firstName, lastName, email, npi, defaults.veterinarian(), clinicId, phone,
                address.line1(), address.line2(), address.city(), address.stateCode(), address.zipCode());
    }
}
