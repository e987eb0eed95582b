package io.medsync.nextgen;

/**
 * The authorization server refused a code or refresh token for good ({@code invalid_grant}: revoked, expired,
 * already used). Not retried: the patient must consent again. The message names the error code only.
 */
public class GrantRefusedException extends RuntimeException {

    public GrantRefusedException(String message) {
        super(message, null, false, false);
    }
}
