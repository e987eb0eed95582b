package io.medsync.sandbox.nextgen;

import java.time.Instant;

/**
 * One call to the token endpoint, for test assertions: the grant type asked for, when, the HTTP status answered and
 * the OAuth {@code error} code (null on success). No codes, tokens or secrets.
 */
public record TokenRequest(String grantType, Instant at, int status, String error) {

    public boolean succeeded() {
        return status == 200;
    }
}
