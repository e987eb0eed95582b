package io.medsync.nextgen;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A FHIR Patient (R4 or DSTU2) reduced to what NovaMed takes. Version-neutral, so one mapper serves both versions;
 * it is also the payload the ledger stores (encrypted) for replays. {@code birthDate} is kept as written (it may be
 * partial, e.g. "1980-04"); {@code generalPractitionerId} is the id of the first Practitioner reference, if any.
 * {@code practitionerOfRecord} is derived by medsync for a patient with none (the prescriber of their earliest
 * prescription); it is left out of the content hash ({@link io.medsync.ledger.ContentHash}), since a later
 * incremental pull that sees fewer prescriptions has not changed the patient. {@code deceased} is true when
 * {@code deceased[x]} says so, else null (left out of the JSON, so the content hash of a living patient is as before).
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
        String generalPractitionerId,
        String practitionerOfRecord,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean deceased) {

    /** As read from the FHIR server, before any derivation. */
    public FhirPatient(String id, List<String> given, String family, String birthDate, String gender,
            List<String> addressLines, String city, String state, String postalCode, String phone, String email,
            String generalPractitionerId) {
        this(id, given, family, birthDate, gender, addressLines, city, state, postalCode, phone, email,
                generalPractitionerId, null, null);
    }

    /** The practitioner the NovaMed patient is assigned to: the chart's own, else the one medsync derived. */
    public String practitionerId() {
        return generalPractitionerId != null ? generalPractitionerId : practitionerOfRecord;
    }

    public FhirPatient withPractitionerOfRecord(String practitionerId) {
        return new FhirPatient(id, given, family, birthDate, gender, addressLines, city, state, postalCode, phone,
                email, generalPractitionerId, practitionerId, deceased);
    }
}
