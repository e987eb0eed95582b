package io.medsync.nextgen;

/**
 * A FHIR body medsync cannot read at all (not JSON, not a Bundle where one is expected, an unsupported resource).
 * The message names the problem, never content from the body.
 */
public class FhirFormatException extends RuntimeException {

    public FhirFormatException(String message) {
        super(message, null, false, false);
    }
}
