package io.medsync.mapping;

import java.util.regex.Pattern;

/** Checks on the tenant's {@link MappingDefaults}; a broken default fails every record, with a reason saying so. */
public final class MappingDefaultsRules {

    private static final Pattern UUID =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private MappingDefaultsRules() {
    }

    /**
     * The clinic UUID records are assigned to.
     *
     * @throws MappingException "mapping defaults are missing", "mapping defaults clinic_id is missing",
     *         "mapping defaults clinic_id is not a UUID"
     */
    public static String requireClinicId(MappingDefaults defaults) {
        if (defaults == null) {
            throw new MappingException("mapping defaults are missing");
        }
        String id = defaults.clinicId() == null ? null : defaults.clinicId().strip();
        if (id == null || id.isEmpty()) {
            throw new MappingException("mapping defaults clinic_id is missing");
        }
        if (!UUID.matcher(id).matches()) {
            throw new MappingException("mapping defaults clinic_id is not a UUID");
        }
        return id;
    }

    /** The species to send, or null (omitted) when the default is blank. */
    public static String species(MappingDefaults defaults) {
        if (defaults == null || defaults.species() == null || defaults.species().isBlank()) {
            return null;
        }
        return defaults.species().strip();
    }
}
