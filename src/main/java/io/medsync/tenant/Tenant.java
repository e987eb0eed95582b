package io.medsync.tenant;

import java.util.Optional;

import io.medsync.mapping.MappingDefaults;

/**
 * A tenant resolved at start-up: configuration plus the secrets its key references point to.
 * {@link #toString()} never prints the secrets.
 */
public record Tenant(
        String id,
        String nexHealthSubdomain,
        long nexHealthLocationId,
        String nexHealthApiKey,
        String novaMedClinicId,
        String novaMedApiKey,
        Optional<String> fallbackPractitionerId,
        MappingDefaults mappingDefaults,
        String nexHealthSyncCron) {

    @Override
    public String toString() {
        return "Tenant[" + id + "]";
    }
}
