package io.medsync.sandbox.nextgen;

import java.time.Duration;
import java.util.function.UnaryOperator;

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
    /** Same default as the other simulators' {@code medsync.sandbox.seed.random-seed}. */
    static final String DEFAULT_SEED = "42";

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
        return fromProperties(name -> null);
    }

    /**
     * Reads {@code medsync.sandbox.nextgen.*} (and {@code medsync.sandbox.seed.*}) names through {@code lookup}
     * (e.g. {@code System::getProperty}), falling back to the defaults above.
     */
    public static NextGenSandboxSettings fromProperties(UnaryOperator<String> lookup) {
        UnaryOperator<String> get = key -> {
            String value = lookup.apply("medsync.sandbox." + key);
            return value == null || value.isBlank() ? null : value.trim();
        };
        return new NextGenSandboxSettings(
                Integer.parseInt(or(get.apply("nextgen.port"), DEFAULT_PORT)),
                or(get.apply("nextgen.client-id"), DEFAULT_CLIENT_ID),
                or(get.apply("nextgen.client-secret"), DEFAULT_CLIENT_SECRET),
                Duration.parse(or(get.apply("nextgen.access-token-ttl"), DEFAULT_ACCESS_TOKEN_TTL)),
                Duration.parse(or(get.apply("nextgen.refresh-token-lifetime"), DEFAULT_REFRESH_TOKEN_LIFETIME)),
                Duration.parse(or(get.apply("nextgen.code-ttl"), DEFAULT_CODE_TTL)),
                Boolean.parseBoolean(or(get.apply("nextgen.rotate-refresh-tokens"), DEFAULT_ROTATE_REFRESH_TOKENS)),
                Boolean.parseBoolean(or(get.apply("nextgen.include-patient-in-token-response"),
                        DEFAULT_INCLUDE_PATIENT_IN_TOKEN_RESPONSE)),
                Long.parseLong(or(get.apply("seed.random-seed"), DEFAULT_SEED)),
                Integer.parseInt(or(get.apply("seed.nextgen-patients"), DEFAULT_SEED_PATIENTS)));
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

    private static String or(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
