package io.medsync.nexhealth;

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
 * NexHealth provider → NovaMed {@code PractitionerRequest}. Pure and deterministic; a record that cannot be sent
 * fails with a {@link MappingException} whose reason names the field and rule, never the value.
 */
@ApplicationScoped
public class NexHealthProviderMapper {

    public NexHealthProviderMapper() {
    }

    /**
     * Every check runs (names, email, NPI, address) and every failure is reported at once, so an operator fixes
     * the source in one go; missing tenant defaults are reported on their own.
     *
     * @throws MappingException when the provider cannot become a practitioner request; no other exception escapes
     */
    public NovaMedPractitioner map(NexHealthProvider provider, MappingDefaults defaults) {
        return MappingException.guard("provider", () -> doMap(provider, defaults));
    }

    private NovaMedPractitioner doMap(NexHealthProvider provider, MappingDefaults defaults) {
        String clinicId = MappingDefaultsRules.requireClinicId(defaults);
        if (provider == null) {
            throw new MappingException("provider record is missing");
        }
        Problems problems = new Problems();
        String firstName = problems.check(() -> Names.bounded(Names.require(provider.firstName(),
                "provider first_name", NovaMedPractitioner.MIN_NAME_LENGTH), "provider first_name", Names.MAX_NAME));
        String lastName = problems.check(() -> Names.bounded(Names.require(provider.lastName(), "provider last_name",
                NovaMedPractitioner.MIN_NAME_LENGTH), "provider last_name", Names.MAX_NAME));
        String email = problems.check(() -> Emails.require(provider.email(), "provider email"));
        String npi = problems.check(() -> Npis.normalize(provider.npi(), "provider npi"));
        NexHealthBio bio = provider.bio() == null ? NexHealthBio.empty() : provider.bio();
        UsAddress address = problems.check(() -> BioAddress.of(bio).orPractice(defaults, "provider bio address"));
        problems.throwIfAny();

        // Phone is optional for NovaMed: an unusable number is omitted, not a failure.
        String phone = PhoneNumbers.firstValid(bio.phoneNumber(), bio.cellPhoneNumber(), bio.homePhoneNumber(),
                bio.workPhoneNumber()).orElse(null);

        return new NovaMedPractitioner(firstName, lastName, email, npi, defaults.veterinarian(), clinicId, phone,
                address.line1(), address.line2(), address.city(), address.stateCode(), address.zipCode());
    }
}
