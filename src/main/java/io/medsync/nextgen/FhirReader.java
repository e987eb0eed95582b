package io.medsync.nextgen;

import io.medsync.tenant.FhirVersion;

/**
 * Reads NextGen FHIR JSON (one version) into the version-neutral records the mappers take. Thread-safe.
 */
public interface FhirReader {

    FhirVersion version();

    /**
     * A searchset (or any) Bundle: its entries in order, unreadable ones reported as {@link Malformed} rather than
     * failing the page; OperationOutcome entries are skipped.
     *
     * @throws FhirFormatException when the body is not a FHIR Bundle at all
     */
    FhirPage searchPage(String bundleJson);

    /**
     * One resource (Patient, Practitioner, Medication, MedicationRequest (R4) / MedicationOrder (DSTU2)) as its
     * neutral record.
     *
     * @throws FhirFormatException when it is not such a resource or cannot be read
     */
    Object resource(String resourceJson);

    static FhirReader of(FhirVersion version) {
        return switch (version) {
            case R4 -> R4Reader.INSTANCE;
            case DSTU2 -> Dstu2Reader.INSTANCE;
        };
    }
}
