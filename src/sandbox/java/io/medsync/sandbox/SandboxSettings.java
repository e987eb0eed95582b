package io.medsync.sandbox;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the simulators need, as typed records built from {@link SandboxConfig} (inside the application or in a
 * stand-alone simulator JVM); tests derive variants with the {@code with...} methods.
 */
public record SandboxSettings(
        long randomSeed,
        int providers,
        int patients,
        int appointments,
        Duration latency,
        int threads,
        NexHealth nexHealth,
        NovaMed novaMed,
        Heidi heidi) {

    /** Worker threads of a simulator's HTTP server when the setting is not positive. */
    static final int DEFAULT_THREADS_INT = 16;

    /** NexHealth simulator settings. */
    public record NexHealth(int port, String apiKey, Duration tokenTtl, String subdomain, long locationId,
            long secondLocationId, int rateLimitPerMinute, double webhookRetryScale) {

        public NexHealth {
            if (secondLocationId == locationId) {
                throw new IllegalArgumentException("The second NexHealth location id must differ from the first");
            }
            if (!(webhookRetryScale > 0)) {
                throw new IllegalArgumentException("webhook-retry-scale must be positive");
            }
        }

        public NexHealth withWebhookRetryScale(double scale) {
            return new NexHealth(port, apiKey, tokenTtl, subdomain, locationId, secondLocationId, rateLimitPerMinute,
                    scale);
        }

        NexHealth withPort(int newPort) {
            return new NexHealth(newPort, apiKey, tokenTtl, subdomain, locationId, secondLocationId,
                    rateLimitPerMinute, webhookRetryScale);
        }
    }

    /**
     * NovaMed simulator settings; {@code webhookSecret} is the {@code x-api-key} its webhooks carry and
     * {@code webhookRetryScale} compresses NovaMed's retry schedule (1.0 = immediate ... 1 h).
     */
    public record NovaMed(int port, String apiKey, String clinicId, int rateLimitPerMinute, String webhookSecret,
            double webhookRetryScale) {

        public NovaMed {
            if (!(webhookRetryScale > 0)) {
                throw new IllegalArgumentException("novamed.webhook-retry-scale must be positive");
            }
        }

        NovaMed withPort(int newPort) {
            return new NovaMed(newPort, apiKey, clinicId, rateLimitPerMinute, webhookSecret, webhookRetryScale);
        }

        public NovaMed withWebhookRetryScale(double scale) {
            return new NovaMed(port, apiKey, clinicId, rateLimitPerMinute, webhookSecret, scale);
        }
    }

    /**
     * Heidi simulator settings: one API key per region, as Heidi issues them, and the lifetime of the JWTs it
     * issues. {@link #toString()} leaves the keys out.
     */
    public record Heidi(int port, Map<String, String> apiKeysByRegion, Duration tokenLifetime) {

        public Heidi {
            apiKeysByRegion = Map.copyOf(apiKeysByRegion);
            if (apiKeysByRegion.isEmpty()) {
                throw new IllegalArgumentException("The Heidi sandbox needs at least one region");
            }
            if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
                throw new IllegalArgumentException("heidi.token-lifetime must be positive");
            }
        }

        @Override
        public String toString() {
            return "Heidi[port=" + port + ", regions=" + apiKeysByRegion.keySet() + ", tokenLifetime="
                    + tokenLifetime + "]";
        }
    }

    /** The settings from {@link SandboxConfig}; a Heidi region without a key gets {@code sandbox-heidi-<region>-key}. */
    public static SandboxSettings from(SandboxConfig config) {
        SandboxConfig.NexHealth nexHealth = config.nexhealth();
        SandboxConfig.NovaMed novaMed = config.novamed();
        SandboxConfig.Heidi heidi = config.heidi();
        Map<String, String> heidiKeys = new TreeMap<>();
        for (String region : heidi.regions()) {
            String name = region.trim().toUpperCase(Locale.ROOT);
            if (!name.isEmpty()) {
                heidiKeys.put(name, heidi.apiKeys().getOrDefault(name,
                        "sandbox-heidi-" + name.toLowerCase(Locale.ROOT) + "-key"));
            }
        }
        return new SandboxSettings(config.seed().randomSeed(), config.seed().providers(), config.seed().patients(),
                config.seed().appointments(), config.latency(), config.threads(),
                new NexHealth(nexHealth.port(), nexHealth.apiKey(), nexHealth.tokenTtl(), nexHealth.subdomain(),
                        nexHealth.locationId(), nexHealth.secondLocationId(), nexHealth.rateLimitPerMinute(),
                        nexHealth.webhookRetryScale()),
                new NovaMed(novaMed.port(), novaMed.apiKey(), novaMed.clinicId(), novaMed.rateLimitPerMinute(),
                        novaMed.webhookSecret(), novaMed.webhookRetryScale()),
                new Heidi(heidi.port(), heidiKeys, heidi.tokenLifetime()));
    }

    /** The defaults of {@link SandboxConfig}. */
    public static SandboxSettings defaults() {
        return fromProperties(Map.of());
    }

    /** {@code medsync.sandbox.*} names from {@code properties}, the defaults of {@link SandboxConfig} for the rest. */
    public static SandboxSettings fromProperties(Map<String, String> properties) {
        return from(SandboxConfig.load(properties));
    }

    /** Same settings with every port 0, so the OS picks free ones (tests). */
    public SandboxSettings withEphemeralPorts() {
        return new SandboxSettings(randomSeed, providers, patients, appointments, latency, threads,
                nexHealth.withPort(0),
                novaMed.withPort(0),
                new Heidi(0, heidi.apiKeysByRegion(), heidi.tokenLifetime()));
    }

    public SandboxSettings withSeed(long seed, int providerCount, int patientCount) {
        return new SandboxSettings(seed, providerCount, patientCount, appointments, latency, threads, nexHealth,
                novaMed, heidi);
    }

    public SandboxSettings withAppointments(int appointmentCount) {
        return new SandboxSettings(randomSeed, providers, patients, appointmentCount, latency, threads, nexHealth,
                novaMed, heidi);
    }

    public SandboxSettings withNexHealth(NexHealth newNexHealth) {
        return new SandboxSettings(randomSeed, providers, patients, appointments, latency, threads, newNexHealth,
                novaMed, heidi);
    }

    public SandboxSettings withNovaMed(NovaMed newNovaMed) {
        return new SandboxSettings(randomSeed, providers, patients, appointments, latency, threads, nexHealth,
                newNovaMed, heidi);
    }
}
