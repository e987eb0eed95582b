package io.medsync.tenant;

import java.util.Map;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/**
 * Tenants as configuration: {@code medsync.tenants.<tenant-id>.*}. Each tenant maps one NexHealth
 * subdomain + location to one NovaMed clinic. Constraint violations stop start-up with the property's name.
 */
@ConfigMapping(prefix = "medsync.tenants")
public interface TenantsConfig {

    String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    /** A key reference names a property or environment variable that holds the secret, never the secret. */
    String KEY_REF = "[A-Za-z_][A-Za-z0-9_.\\-]*";

    @WithParentName
    Map<String, @Valid Tenant> tenants();

    interface Tenant {
        @Valid
        NexHealth nexhealth();

        @Valid
        NovaMed novamed();

        @Valid
        Defaults defaults();

        @Valid
        Schedule schedule();

        @Valid
        Sync sync();
    }

    interface NexHealth {
        @Pattern(regexp = KEY_REF, message = "must name a property or environment variable holding the API key")
        String apiKeyRef();

        /** One or more locations, each in its institution (subdomain); cursors and scopes are kept per location. */
        Map<String, @Valid Location> locations();
    }

    interface Location {
        /** The institution's subdomain, sent as {@code subdomain} on every call. */
        @NotBlank
        @Pattern(regexp = "[a-z0-9][a-z0-9\\-]*", message = "must be a NexHealth subdomain (lowercase letters, digits, dashes)")
        String subdomain();

        @Positive
        long locationId();
    }

    interface Sync {
        /** {@code all-patients}, or {@code appointment-patients}: only patients with an appointment in the window. */
        @WithDefault("all-patients")
        @Pattern(regexp = "all-patients|appointment-patients", message = "must be all-patients or appointment-patients")
        String scope();

        /** The appointment window: from now minus {@code appointments-past} to now plus {@code appointments-ahead}. */
        @WithDefault("P7D")
        java.time.Duration appointmentsPast();

        @WithDefault("P30D")
        java.time.Duration appointmentsAhead();
    }

    interface NovaMed {
        @Pattern(regexp = UUID, message = "must be a UUID (the NovaMed clinic id)")
        String clinicId();

        @Pattern(regexp = KEY_REF, message = "must name a property or environment variable holding the API key")
        String apiKeyRef();
    }

    interface Defaults {
        /** NovaMed practitioner for patients whose NexHealth record names no provider. */
        Optional<@Pattern(regexp = UUID, message = "must be a UUID (a NovaMed practitioner id)") String> fallbackPractitionerId();

        @WithDefault("false")
        boolean veterinarian();

        @WithDefault("human")
        @Pattern(regexp = "human|canine|feline|equine|avian|mammal - other|reptilian|swine|none",
                message = "must be a NovaMed species or 'none'")
        String species();

        /** Used for practitioners whose NexHealth bio has no complete address. */
        @WithName("practice-address")
        Optional<@Valid PracticeAddress> practiceAddress();
    }

    interface PracticeAddress {
        @NotBlank
        String line1();

        Optional<String> line2();

        @NotBlank
        String city();

        @Pattern(regexp = "[A-Z]{2}", message = "must be a 2-letter US state code")
        String stateCode();

        @Pattern(regexp = "\\d{5}(-\\d{4})?", message = "must be a US ZIP code (12345 or 12345-6789)")
        String zipCode();
    }

    interface Schedule {
        /** Quartz cron for the NexHealth sync of this tenant; "off" disables it. */
        @WithDefault("0 0/15 * * * ?")
        String nexhealthSync();
    }
}
