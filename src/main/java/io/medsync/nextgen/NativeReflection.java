package io.medsync.nextgen;

import io.medsync.tenant.FhirVersion;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Types of other packages that NextGen's stored records hold (a {@code FhirMedicationOrder} names its FHIR version),
 * registered for reflection in a native image here, since their own package does not serialise them.
 */
@RegisterForReflection(targets = FhirVersion.class)
final class NativeReflection {

    private NativeReflection() {
    }
}
