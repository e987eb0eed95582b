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
        /** A disabled tenant is kept in configuration but not resolved, scheduled or synced (e.g. while paused). */
        @WithDefault("true")
        boolean enabled();

        /** A tenant reads NexHealth, NextGen or both; at least one of the two sections is required. */
        Optional<@Valid NexHealth> nexhealth();

        Optional<@Valid NextGen> nextgen();

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

    /** A NextGen (or any FHIR R4/DSTU2) server the tenant's prescriptions come from. */
    interface NextGen {
        @WithDefault("r4")
        @Pattern(regexp = "r4|dstu2", message = "must be r4 or dstu2")
        String fhirVersion();

        @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL (the FHIR base, e.g. .../fhir/r4/)")
        String fhirBaseUrl();

        /** patient-consent: authorization code per patient; client-credentials: one tenant token; none: test servers. */
        @WithDefault("patient-consent")
        @Pattern(regexp = "patient-consent|client-credentials|none",
                message = "must be patient-consent, client-credentials or none")
        String auth();

        Optional<@Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String> authorizeUrl();

        Optional<@Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String> tokenUrl();

        Optional<String> clientId();

        Optional<@Pattern(regexp = KEY_REF, message = "must name a property or environment variable holding the client secret") String> clientSecretRef();

        /** The callback URL registered with NextGen: where patients' browsers return, i.e. .../nextgen/callback. */
        Optional<@Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String> redirectUri();

        Optional<String> scope();

        /** NextGen's page size parameter ({@code _maxresults}). */
        @WithDefault("50")
        @Positive
        int maxResults();

        /** Which prescriptions are pulled ({@code status} search parameter); only active ones become orders. */
        @WithDefault("active")
        String medicationStatus();

        /** Without per-patient consent: these patients only; empty reads every patient the server lists. */
        Optional<java.util.List<String>> patientIds();
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

        /** NovaMed carrier and service for medication orders (ids from NovaMed's GET carriers / services). */
        Optional<@Pattern(regexp = ".*\\S.*", message = "must not be blank") String> carrierId();

        Optional<@Pattern(regexp = ".*\\S.*", message = "must not be blank") String> serviceId();

        @WithDefault("false")
        boolean refrigerated();

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

        /** Quartz cron for the NextGen sync of this tenant; "off" disables it. */
        @WithDefault("0 5/15 * * * ?")
        String nextgenSync();
    }
}
