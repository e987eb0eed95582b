package io.medsync.mapping;

import jakarta.enterprise.context.ApplicationScoped;

import io.medsync.nexhealth.NexHealthBio;
import io.medsync.nexhealth.NexHealthProvider;
import io.medsync.novamed.NovaMedPractitioner;

/**
 * NexHealth provider → NovaMed {@code PractitionerRequest}. Pure and deterministic; a record that cannot be sent
 * fails with a {@link MappingException} whose reason names the field and rule, never the value.
 */
@ApplicationScoped
public class NexHealthProviderMapper {

    /** Contract minLength for practitioner first_name and last_name. */
    static final int MIN_NAME_LENGTH = 2;

    public NexHealthProviderMapper() {
    }

    /**
     * Checks run in a fixed order (defaults, names, email, NPI, address) and the first failure is reported.
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
        String firstName = Names.require(provider.firstName(), "provider first_name", MIN_NAME_LENGTH);
        String lastName = Names.require(provider.lastName(), "provider last_name", MIN_NAME_LENGTH);

        String email = Emails.require(provider.email(), "provider email");

        String npi = Npis.normalize(provider.npi(), "provider npi");

        NexHealthBio bio = provider.bio() == null ? NexHealthBio.empty() : provider.bio();
        UsAddress address = UsAddress.fromBio(bio).orPractice(defaults, "provider bio address");

        // Phone is optional for NovaMed: an unusable number is omitted, not a failure.
        String phone = PhoneNumbers.firstValid(bio.phoneNumber(), bio.cellPhoneNumber(), bio.homePhoneNumber(),
                bio.workPhoneNumber()).orElse(null);

        return new NovaMedPractitioner(firstName, lastName, email, npi, defaults.veterinarian(), clinicId, phone,
                address.line1(), address.line2(), address.city(), address.stateCode(), address.zipCode());
    }
}
