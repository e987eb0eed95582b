package io.medsync.sandbox;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.medsync.sandbox.nextgen.NextGenSandbox;
import io.medsync.sandbox.nextgen.NextGenSandboxSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Starts the NexHealth, NovaMed, NextGen and Heidi simulators inside the application when {@code medsync.sandbox.enabled=true}
 * (demo profile, end-to-end tests) and stops them on shutdown. Tests {@code @Inject} it to reach the simulators.
 */
@ApplicationScoped
public class SandboxLauncher {

    @ConfigProperty(name = "medsync.sandbox.enabled", defaultValue = SandboxSettings.DEFAULT_ENABLED)
    boolean enabled;
    @ConfigProperty(name = "medsync.sandbox.seed.random-seed", defaultValue = SandboxSettings.DEFAULT_RANDOM_SEED)
    long randomSeed;
    @ConfigProperty(name = "medsync.sandbox.seed.providers", defaultValue = SandboxSettings.DEFAULT_PROVIDERS)
    int providers;
    @ConfigProperty(name = "medsync.sandbox.seed.patients", defaultValue = SandboxSettings.DEFAULT_PATIENTS)
    int patients;
    @ConfigProperty(name = "medsync.sandbox.seed.appointments", defaultValue = SandboxSettings.DEFAULT_APPOINTMENTS)
    int appointments;
    @ConfigProperty(name = "medsync.sandbox.latency", defaultValue = SandboxSettings.DEFAULT_LATENCY)
    Duration latency;
    @ConfigProperty(name = "medsync.sandbox.threads", defaultValue = SandboxSettings.DEFAULT_THREADS)
    int threads;
    @ConfigProperty(name = "medsync.sandbox.nexhealth.port", defaultValue = SandboxSettings.DEFAULT_NEXHEALTH_PORT)
    int nexHealthPort;
    @ConfigProperty(name = "medsync.sandbox.nexhealth.api-key",
            defaultValue = SandboxSettings.DEFAULT_NEXHEALTH_API_KEY)
    String nexHealthApiKey;
    @ConfigProperty(name = "medsync.sandbox.nexhealth.token-ttl",
            defaultValue = SandboxSettings.DEFAULT_NEXHEALTH_TOKEN_TTL)
    Duration tokenTtl;
    @ConfigProperty(name = "medsync.sandbox.nexhealth.subdomain",
            defaultValue = SandboxSettings.DEFAULT_NEXHEALTH_SUBDOMAIN)
    String subdomain;
    @ConfigProperty(name = "medsync.sandbox.nexhealth.location-id",
            defaultValue = SandboxSettings.DEFAULT_NEXHEALTH_LOCATION_ID)
    long locationId;
    @ConfigProperty(name = "medsync.sandbox.nexhealth.second-location-id",
            defaultValue = SandboxSettings.DEFAULT_NEXHEALTH_SECOND_LOCATION_ID)
    long secondLocationId;
    @ConfigProperty(name = "medsync.sandbox.nexhealth.webhook-retry-scale",
            defaultValue = SandboxSettings.DEFAULT_WEBHOOK_RETRY_SCALE)
    double webhookRetryScale;
    @ConfigProperty(name = "medsync.sandbox.nexhealth.rate-limit-per-minute",
            defaultValue = SandboxSettings.DEFAULT_RATE_LIMIT_PER_MINUTE)
    int nexHealthRateLimit;
    @ConfigProperty(name = "medsync.sandbox.novamed.port", defaultValue = SandboxSettings.DEFAULT_NOVAMED_PORT)
    int novaMedPort;
    @ConfigProperty(name = "medsync.sandbox.novamed.api-key", defaultValue = SandboxSettings.DEFAULT_NOVAMED_API_KEY)
    String novaMedApiKey;
    @ConfigProperty(name = "medsync.sandbox.novamed.clinic-id",
            defaultValue = SandboxSettings.DEFAULT_NOVAMED_CLINIC_ID)
    String clinicId;
    @ConfigProperty(name = "medsync.sandbox.novamed.rate-limit-per-minute",
            defaultValue = SandboxSettings.DEFAULT_RATE_LIMIT_PER_MINUTE)
    int novaMedRateLimit;
    @ConfigProperty(name = "medsync.sandbox.novamed.webhook-secret",
            defaultValue = SandboxSettings.DEFAULT_NOVAMED_WEBHOOK_SECRET)
    String novaMedWebhookSecret;
    @ConfigProperty(name = "medsync.sandbox.novamed.webhook-retry-scale",
            defaultValue = SandboxSettings.DEFAULT_WEBHOOK_RETRY_SCALE)
    double novaMedWebhookRetryScale;
    @ConfigProperty(name = "medsync.sandbox.nextgen.port", defaultValue = NextGenSandboxSettings.DEFAULT_PORT)
    int nextGenPort;
    @ConfigProperty(name = "medsync.sandbox.nextgen.client-id", defaultValue = NextGenSandboxSettings.DEFAULT_CLIENT_ID)
    String nextGenClientId;
    @ConfigProperty(name = "medsync.sandbox.nextgen.client-secret",
            defaultValue = NextGenSandboxSettings.DEFAULT_CLIENT_SECRET)
    String nextGenClientSecret;
    @ConfigProperty(name = "medsync.sandbox.nextgen.access-token-ttl",
            defaultValue = NextGenSandboxSettings.DEFAULT_ACCESS_TOKEN_TTL)
    Duration nextGenAccessTokenTtl;
    @ConfigProperty(name = "medsync.sandbox.nextgen.refresh-token-lifetime",
            defaultValue = NextGenSandboxSettings.DEFAULT_REFRESH_TOKEN_LIFETIME)
    Duration nextGenRefreshTokenLifetime;
    @ConfigProperty(name = "medsync.sandbox.nextgen.code-ttl", defaultValue = NextGenSandboxSettings.DEFAULT_CODE_TTL)
    Duration nextGenCodeTtl;
    @ConfigProperty(name = "medsync.sandbox.nextgen.rotate-refresh-tokens",
            defaultValue = NextGenSandboxSettings.DEFAULT_ROTATE_REFRESH_TOKENS)
    boolean nextGenRotateRefreshTokens;
    @ConfigProperty(name = "medsync.sandbox.nextgen.include-patient-in-token-response",
            defaultValue = NextGenSandboxSettings.DEFAULT_INCLUDE_PATIENT_IN_TOKEN_RESPONSE)
    boolean nextGenIncludePatient;
    @ConfigProperty(name = "medsync.sandbox.seed.nextgen-patients",
            defaultValue = NextGenSandboxSettings.DEFAULT_SEED_PATIENTS)
    int nextGenPatients;

    @Inject
    Config config;

    private final SandboxClock clock = new SandboxClock();
    private NexHealthSandbox nexHealth;
    private NovaMedSandbox novaMed;
    private NextGenSandbox nextGen;
    private HeidiSandbox heidi;

    // After the start-up checks (@Startup beans run at the default priority): a start that fails on configuration
    // must not leave the simulators bound to their ports, since no ShutdownEvent follows a failed start.
    void onStart(@Observes @jakarta.annotation.Priority(jakarta.enterprise.inject.spi.ObserverMethod.DEFAULT_PRIORITY + 500)
            StartupEvent event) {
        if (enabled) {
            start(settings());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts the simulators with the given settings, NextGen's from configuration (no-op if already running). */
    public synchronized void start(SandboxSettings settings) {
        start(settings, nextGenSettings());
    }

    /** Starts the simulators (no-op if already running); a simulator that cannot start stops the others. */
    public synchronized void start(SandboxSettings settings, NextGenSandboxSettings nextGenSettings) {
        if (nexHealth != null) {
            return;
        }
        nexHealth = new NexHealthSandbox(settings, clock);
        novaMed = new NovaMedSandbox(settings, clock);
        nextGen = new NextGenSandbox(nextGenSettings, clock);
        heidi = new HeidiSandbox(settings, clock);
        try {
            nexHealth.start();
            novaMed.start();
            nextGen.start();
            heidi.start();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    public synchronized void stop() {
        if (nexHealth != null) {
            nexHealth.close();
            novaMed.stop();
            nextGen.close();
            heidi.stop();
            nexHealth = null;
            novaMed = null;
            nextGen = null;
            heidi = null;
        }
    }

    /** The settings built from configuration. */
    public SandboxSettings settings() {
        return new SandboxSettings(randomSeed, providers, patients, appointments, latency, threads,
                new SandboxSettings.NexHealth(nexHealthPort, nexHealthApiKey, tokenTtl, subdomain, locationId,
                        secondLocationId, nexHealthRateLimit, webhookRetryScale),
                new SandboxSettings.NovaMed(novaMedPort, novaMedApiKey, clinicId, novaMedRateLimit,
                        novaMedWebhookSecret, novaMedWebhookRetryScale),
                // Per-region key names (heidi.api-key.<REGION>) are not fixed, so they are read from the config.
                SandboxSettings.Heidi.fromProperties(name -> config.getOptionalValue(name, String.class).orElse(null)));
    }

    /** The NextGen simulator's settings built from configuration. */
    public NextGenSandboxSettings nextGenSettings() {
        return new NextGenSandboxSettings(nextGenPort, nextGenClientId, nextGenClientSecret, nextGenAccessTokenTtl,
                nextGenRefreshTokenLifetime, nextGenCodeTtl, nextGenRotateRefreshTokens, nextGenIncludePatient,
                randomSeed, nextGenPatients);
    }

    public synchronized boolean running() {
        return nexHealth != null;
    }

    /** @throws IllegalStateException when the sandbox is not enabled/started */
    public synchronized NexHealthSandbox nexHealth() {
        if (nexHealth == null) {
            throw new IllegalStateException("Sandbox not started: set medsync.sandbox.enabled=true");
        }
        return nexHealth;
    }

    /** @throws IllegalStateException when the sandbox is not enabled/started */
    public synchronized NovaMedSandbox novaMed() {
        if (novaMed == null) {
            throw new IllegalStateException("Sandbox not started: set medsync.sandbox.enabled=true");
        }
        return novaMed;
    }

    /** @throws IllegalStateException when the sandbox is not enabled/started */
    public synchronized NextGenSandbox nextGen() {
        if (nextGen == null) {
            throw new IllegalStateException("Sandbox not started: set medsync.sandbox.enabled=true");
        }
        return nextGen;
    }

    /** @throws IllegalStateException when the sandbox is not enabled/started */
    public synchronized HeidiSandbox heidi() {
        if (heidi == null) {
            throw new IllegalStateException("Sandbox not started: set medsync.sandbox.enabled=true");
        }
        return heidi;
    }

    /** The clock every simulator uses, for tests that need to move time on. */
    public SandboxClock clock() {
        return clock;
    }
}
