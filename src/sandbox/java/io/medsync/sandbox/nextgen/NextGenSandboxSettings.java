package io.medsync.sandbox.nextgen;

import java.time.Duration;
import java.util.Map;

import io.medsync.sandbox.SandboxConfig;

/**
 * What the NextGen simulator needs: its port (0 = ephemeral), the one confidential OAuth client it knows, token
 * lifetimes and the choices the contract leaves open (refresh-token rotation, {@code patient} in the token response),
 * and the chart seed. Built from {@link SandboxConfig}.
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

    public NextGenSandboxSettings {
        if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalArgumentException("The NextGen sandbox needs a client id and a client secret");
        }
        if (accessTokenTtl.isNegative() || accessTokenTtl.isZero() || refreshTokenLifetime.isNegative()
                || refreshTokenLifetime.isZero() || codeTtl.isNegative() || codeTtl.isZero()) {
            throw new IllegalArgumentException("NextGen sandbox token lifetimes must be positive");
        }
    }

    /** The NextGen simulator's settings from {@link SandboxConfig} (its {@code nextgen.*} and {@code seed.*}). */
    public static NextGenSandboxSettings from(SandboxConfig config) {
        SandboxConfig.NextGen nextGen = config.nextgen();
        return new NextGenSandboxSettings(nextGen.port(), nextGen.clientId(), nextGen.clientSecret(),
                nextGen.accessTokenTtl(), nextGen.refreshTokenLifetime(), nextGen.codeTtl(),
                nextGen.rotateRefreshTokens(), nextGen.includePatientInTokenResponse(), config.seed().randomSeed(),
                config.seed().nextGenPatients());
    }

    /** The defaults of {@link SandboxConfig}. */
    public static NextGenSandboxSettings defaults() {
        return from(SandboxConfig.load(Map.of()));
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
