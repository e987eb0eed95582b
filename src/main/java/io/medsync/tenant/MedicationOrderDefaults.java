package io.medsync.tenant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a tenant supplies to a NovaMed medication order that the prescription does not say: the clinic and the
 * shipping carrier and service (ids from NovaMed's GET carriers / services).
 */
@RegisterForReflection
public record MedicationOrderDefaults(String clinicId, String carrierId, String serviceId, boolean refrigerated) {
}
