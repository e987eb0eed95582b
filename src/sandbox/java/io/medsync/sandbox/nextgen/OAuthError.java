package io.medsync.sandbox.nextgen;

/**
 * An OAuth 2.0 error answer (RFC 6749 section 5.2): HTTP status, {@code error} code and a description that names no
 * token, secret or PHI.
 */
final class OAuthError extends RuntimeException {

    private final int status;
    private final String error;

    OAuthError(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    static OAuthError invalidGrant(String description) {
        return new OAuthError(400, "invalid_grant", description);
    }

    static OAuthError invalidRequest(String description) {
        return new OAuthError(400, "invalid_request", description);
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }
}
