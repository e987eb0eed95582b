package io.medsync.sandbox.nextgen;

import java.time.Duration;

/**
 * What the NextGen simulator needs: its port (0 = ephemeral), the one confidential OAuth client it knows, token
 * lifetimes and the choices the contract leaves open (refresh-token rotation, {@code patient} in the token response),
 * and the chart seed. The {@code DEFAULT_*} strings are shared with {@code SandboxLauncher}'s {@code @ConfigProperty}s.
 */
public record NextGenSandboxSettings(
        int port,
        String clientId,
        String clientSecret,
        Duration accessTokenTtl,
        Duration refreshTokenLifetime,
        Duration codeTtl,
        boolean rotateRefreshTokens,
        boolean includePatientInTokenResponse,
        long seed,
        int seedPatients) {

    public static final String DEFAULT_PORT = "18093";
    public static final String DEFAULT_CLIENT_ID = "medsync-sandbox";
    public static final String DEFAULT_CLIENT_SECRET = "sandbox-nextgen-secret";
    public static final String DEFAULT_ACCESS_TOKEN_TTL = "PT1H";
    /** NextGen's auth guide: a refresh token must be exchanged within 48 hours of issue. */
    public static final String DEFAULT_REFRESH_TOKEN_LIFETIME = "PT48H";
    public static final String DEFAULT_CODE_TTL = "PT60S";
    public static final String DEFAULT_ROTATE_REFRESH_TOKENS = "true";
    public static final String DEFAULT_INCLUDE_PATIENT_IN_TOKEN_RESPONSE = "true";
    public static final String DEFAULT_SEED_PATIENTS = "12";

    public NextGenSandboxSettings {
        if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalArgumentException("The NextGen sandbox needs a client id and a client secret");
        }
        if (accessTokenTtl.isNegative() || accessTokenTtl.isZero() || refreshTokenLifetime.isNegative()
                || refreshTokenLifetime.isZero() || codeTtl.isNegative() || codeTtl.isZero()) {
            throw new IllegalArgumentException("NextGen sandbox token lifetimes must be positive");
        }
    }

    public static NextGenSandboxSettings defaults() {
        return new NextGenSandboxSettings(Integer.parseInt(DEFAULT_PORT), DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET,
                Duration.parse(DEFAULT_ACCESS_TOKEN_TTL), Duration.parse(DEFAULT_REFRESH_TOKEN_LIFETIME),
                Duration.parse(DEFAULT_CODE_TTL), true, true, 42, Integer.parseInt(DEFAULT_SEED_PATIENTS));
    }

    public NextGenSandboxSettings withPort(int newPort) {
        return new NextGenSandboxSettings(newPort, clientId, clientSecret, accessTokenTtl, refreshTokenLifetime,
                codeTtl, rotateRefreshTokens, includePatientInTokenResponse, seed, seedPatients);
    }

    public NextGenSandboxSettings withRotateRefreshTokens(boolean rotate) {
        return new NextGenSandboxSettings(port, clientId, clientSecret, accessTokenTtl, refreshTokenLifetime,
                codeTtl, rotate, includePatientInTokenResponse, seed, seedPatients);
    }

    public NextGenSandboxSettings withIncludePatientInTokenResponse(boolean include) {
        return new NextGenSandboxSettings(port, clientId, clientSecret, accessTokenTtl, refreshTokenLifetime,
                codeTtl, rotateRefreshTokens, include, seed, seedPatients);
    }
}
