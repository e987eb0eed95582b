package io.medsync.nextgen;

import java.time.Instant;

/**
 * What a token endpoint answered. {@code refreshToken} is null when none was issued (client_credentials) or when a
 * refresh did not rotate it; {@code patientId} is the SMART launch context, if the server sent one.
 * {@link #toString()} never prints a token.
 */
public record TokenGrant(String accessToken, Instant accessExpiresAt, String refreshToken, String scope,
        String patientId) {

    @Override
    public String toString() {
        return "TokenGrant[expires " + accessExpiresAt + (refreshToken == null ? "" : ", with refresh token") + "]";
    }
}
