package io.medsync.mapping;

import java.util.regex.Pattern;

import io.medsync.tenant.MappingDefaults;
import io.medsync.tenant.MedicationOrderDefaults;

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
        return uuid(defaults.clinicId(), "mapping defaults clinic_id");
    }

    /**
     * The tenant's medication-order defaults, checked: clinic UUID, carrier and service ids.
     *
     * @throws MappingException "medication order defaults are missing", "medication order defaults FIELD is
     *         missing", "medication order defaults clinic_id is not a UUID"
     */
    public static MedicationOrderDefaults require(MedicationOrderDefaults defaults) {
        if (defaults == null) {
            throw new MappingException("medication order defaults are missing");
        }
        String clinicId = uuid(defaults.clinicId(), "medication order defaults clinic_id");
        String carrierId = present(defaults.carrierId(), "medication order defaults carrier_id");
        String serviceId = present(defaults.serviceId(), "medication order defaults service_id");
        return new MedicationOrderDefaults(clinicId, carrierId, serviceId, defaults.refrigerated());
    }

    private static String uuid(String value, String field) {
        String id = present(value, field);
        if (!UUID.matcher(id).matches()) {
            throw new MappingException(field + " is not a UUID");
        }
        return id;
    }

    private static String present(String value, String field) {
        String v = value == null ? null : value.strip();
        if (v == null || v.isEmpty()) {
            throw new MappingException(field + " is missing");
        }
        return v;
    }

    /** The species to send, or null (omitted) when the default is blank. */
    public static String species(MappingDefaults defaults) {
        if (defaults == null || defaults.species() == null || defaults.species().isBlank()) {
            return null;
        }
        return defaults.species().strip();
    }
}
