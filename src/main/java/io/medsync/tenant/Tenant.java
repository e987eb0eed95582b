package io.medsync.tenant;

import java.time.Duration;
import java.util.List;
import java.util.Optional;


/**
 * A tenant resolved at start-up: configuration plus the secrets its key references point to.
 * {@link #toString()} never prints the secrets.
 */
public record Tenant(
        String id,
        List<NexHealthLocation> nexHealthLocations,
        String nexHealthApiKey,
        String novaMedClinicId,
        String novaMedApiKey,
        Optional<String> fallbackPractitionerId,
        MappingDefaults mappingDefaults,
        String nexHealthSyncCron,
        SyncScope syncScope,
        Duration appointmentsPast,
        Duration appointmentsAhead,
        Optional<NextGenSource> nextGen,
        Optional<MedicationOrderDefaults> orderDefaults) {

    public boolean readsNexHealth() {
        return !nexHealthLocations.isEmpty();
    }

    /** Which patients a tenant's sync creates in NovaMed. */
    public enum SyncScope {
        ALL_PATIENTS, APPOINTMENT_PATIENTS
    }

    @Override
    public String toString() {
        return "Tenant[" + id + "]";
    }
}
