package io.medsync.nextgen;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A FHIR Practitioner reduced to what NovaMed takes; {@code npi} is the value of the identifier with system
 * {@code http://hl7.org/fhir/sid/us-npi}, as written (not yet validated), or null.
 */
@RegisterForReflection
public record FhirPractitioner(
        String id,
        String npi,
        List<String> given,
        String family,
        String email,
        String phone,
        List<String> addressLines,
        String city,
        String state,
        String postalCode) {
}
