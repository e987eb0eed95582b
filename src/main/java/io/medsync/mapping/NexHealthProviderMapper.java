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
        try {
            return doMap(provider, defaults);
        } catch (MappingException e) {
            throw e;
        } catch (RuntimeException e) {
            // Safety net: a bug must still surface as a per-record failure, and JDK messages may quote values.
            throw new MappingException("provider could not be mapped: unexpected " + e.getClass().getSimpleName());
        }
    }

    private NovaMedPractitioner doMap(NexHealthProvider provider, MappingDefaults defaults) {
        String clinicId = MappingDefaultsRules.requireClinicId(defaults);
        if (provider == null) {
            throw new MappingException("provider record is missing");
        }
        String firstName = Names.require(provider.firstName(), "provider first_name", MIN_NAME_LENGTH);
        String lastName = Names.require(provider.lastName(), "provider last_name", MIN_NAME_LENGTH);

        if (provider.email() == null || provider.email().isBlank()) {
            throw new MappingException("provider email is missing");
        }
        String email = Emails.plausible(provider.email())
                .orElseThrow(() -> new MappingException("provider email is not a plausible email address"));

        String npi = Npis.normalize(provider.npi(), "provider npi");

        NexHealthBio bio = provider.bio() == null ? NexHealthBio.empty() : provider.bio();
        UsAddress address = UsAddress.fromBio(bio);
        if (!address.complete()) {
            // The practice address replaces the bio address as a whole: mixing lines from two addresses
            // could produce a plausible-looking but wrong one.
            if (defaults.practiceAddress() == null) {
                throw new MappingException("provider bio address is incomplete (" + address.problems()
                        + ") and no practice address default is configured");
            }
            UsAddress practice = UsAddress.fromPractice(defaults.practiceAddress());
            if (!practice.complete()) {
                throw new MappingException("provider bio address is incomplete (" + address.problems()
                        + ") and the practice address default is incomplete (" + practice.problems() + ")");
            }
            address = practice;
        }

        // Phone is optional for NovaMed: an unusable number is omitted, not a failure.
        String phone = PhoneNumbers.firstValid(bio.phoneNumber(), bio.cellPhoneNumber(), bio.homePhoneNumber(),
                bio.workPhoneNumber()).orElse(null);

        return new NovaMedPractitioner(firstName, lastName, email, npi, defaults.veterinarian(), clinicId, phone,
                address.line1(), address.line2(), address.city(), address.stateCode(), address.zipCode());
    }
}
