package io.medsync.tenant;

/** The FHIR versions NextGen serves; a tenant reads one of them. */
public enum FhirVersion {
    R4("MedicationRequest"), DSTU2("MedicationOrder");

    private final String medicationOrderType;

    FhirVersion(String medicationOrderType) {
        this.medicationOrderType = medicationOrderType;
    }

    /** The resource type of a prescription in this version. */
    public String medicationOrderType() {
        return medicationOrderType;
    }
}
