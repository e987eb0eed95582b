package io.medsync.sandbox.nextgen;

import org.hl7.fhir.r4.model.Coding;

/** Code systems and codes both FHIR renderings use. */
final class FhirTerms {

    static final String NPI_SYSTEM = "http://hl7.org/fhir/sid/us-npi";
    static final String RXNORM_SYSTEM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    static final String UCUM_SYSTEM = "http://unitsofmeasure.org";
    /** A practice-specific MRN namespace, as NextGen exposes one per enterprise. */
    static final String MRN_SYSTEM = "urn:oid:2.16.840.1.113883.3.1234.1";
    static final String IDENTIFIER_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v2-0203";

    private FhirTerms() {
    }

    static Coding mrnType() {
        return new Coding(IDENTIFIER_TYPE_SYSTEM, "MR", "Medical record number");
    }

    static String genderCode(Chart.Gender gender) {
        return gender.name().toLowerCase(java.util.Locale.ROOT);
    }
}
