package io.medsync.sandbox.nextgen;

import jakarta.servlet.http.HttpServletRequest;

import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;

/**
 * Whose data a FHIR request may read: one patient (an authorization-code token) or everyone ({@code patientId} null:
 * a client_credentials token, or the open test server). {@link BearerTokenFilter} stores it on the request.
 */
record AccessScope(String patientId) {

    static final String REQUEST_ATTRIBUTE = AccessScope.class.getName();
    static final AccessScope EVERYONE = new AccessScope(null);

    boolean everyone() {
        return patientId == null;
    }

    /** @throws ForbiddenOperationException (403 OperationOutcome) when the token belongs to another patient */
    void requirePatient(String requestedPatientId) {
        if (!everyone() && !patientId.equals(requestedPatientId)) {
            throw new ForbiddenOperationException("This access token is not authorized for the requested patient");
        }
    }

    /** The scope {@link BearerTokenFilter} stored; everyone on an unsecured (open) server. */
    static AccessScope of(HttpServletRequest request, boolean secured) {
        Object scope = request.getAttribute(REQUEST_ATTRIBUTE);
        if (scope instanceof AccessScope s) {
            return s;
        }
        if (secured) {
            // Defensive: the filter should have answered 401 already.
            throw new AuthenticationException("A bearer access token is required");
        }
        return EVERYONE;
    }
}
