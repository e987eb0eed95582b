package io.medsync.nextgen;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A FHIR Patient (R4 or DSTU2) reduced to what NovaMed takes. Version-neutral, so one mapper serves both versions;
 * it is also the payload the ledger stores (encrypted) for replays. {@code birthDate} is kept as written (it may be
 * partial, e.g. "1980-04"); {@code generalPractitionerId} is the id of the first Practitioner reference, if any.
 */
@RegisterForReflection
public record FhirPatient(
        String id,
        List<String> given,
        String family,
        String birthDate,
        String gender,
        List<String> addressLines,
        String city,
        String state,
        String postalCode,
        String phone,
        String email,
        String generalPractitionerId) {

    /** The same patient with the practitioner of record medsync derived (the prescriber of their orders). */
    public FhirPatient withGeneralPractitionerId(String practitionerId) {
        return new FhirPatient(id, given, family, birthDate, gender, addressLines, city, state, postalCode, phone,
                email, practitionerId);
    }
}
