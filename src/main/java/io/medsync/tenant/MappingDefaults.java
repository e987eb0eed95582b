package io.medsync.tenant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a tenant supplies to the mappers when the source record is silent.
 *
 * @param clinicId       the NovaMed clinic (UUID) records are assigned to
 * @param veterinarian   value of {@code is_veterinarian} for practitioners
 * @param species        value of {@code species} for patients (null to omit)
 * @param practiceAddress address used for practitioners whose source record has none (null: such providers fail)
 */
@RegisterForReflection
public record MappingDefaults(String clinicId, boolean veterinarian, String species, PracticeAddress practiceAddress) {

    @RegisterForReflection
    public record PracticeAddress(String line1, String line2, String city, String stateCode, String zipCode) {
    }
}
