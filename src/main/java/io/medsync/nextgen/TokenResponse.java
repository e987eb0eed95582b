package io.medsync.nextgen;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A successful answer of NextGen's token endpoint (RFC 6749 5.1) as the partner route reads it (Camel Jackson);
 * {@code patient} is the SMART launch context. Error answers ({@code error}) are read from their text.
 * {@link #toString()} never prints a token.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("expires_in") Long expiresIn,
        @JsonProperty("refresh_token") String refreshToken,
        String scope,
        String patient) {

    @Override
    public String toString() {
        return "TokenResponse[expires_in " + expiresIn + "]";
    }
}
