package io.medsync.sandbox;

import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Everything the two simulators need, independent of CDI so {@link SandboxMain} can build it from system
 * properties. The {@code DEFAULT_*} strings are shared with {@link SandboxLauncher}'s {@code @ConfigProperty}s.
 */
public record SandboxSettings(
        long randomSeed,
        int providers,
        int patients,
        int appointments,
        Duration latency,
        int threads,
        NexHealth nexHealth,
        NovaMed novaMed) {

    public static final String PREFIX = "medsync.sandbox.";
    public static final String DEFAULT_ENABLED = "false";
    public static final String DEFAULT_RANDOM_SEED = "42";
    public static final String DEFAULT_PROVIDERS = "10";
    public static final String DEFAULT_PATIENTS = "200";
    public static final String DEFAULT_APPOINTMENTS = "300";
    public static final String DEFAULT_LATENCY = "PT0S";
    public static final String DEFAULT_THREADS = "16";
    static final int DEFAULT_THREADS_INT = 16;
    public static final String DEFAULT_NEXHEALTH_PORT = "18091";
    public static final String DEFAULT_NEXHEALTH_API_KEY = "sandbox-nexhealth-key";
    public static final String DEFAULT_NEXHEALTH_TOKEN_TTL = "PT24H";
    public static final String DEFAULT_NEXHEALTH_SUBDOMAIN = "demo-dental";
    public static final String DEFAULT_NEXHEALTH_LOCATION_ID = "101";
    public static final String DEFAULT_NEXHEALTH_SECOND_LOCATION_ID = "102";
    /** 1.0 = NexHealth's real retry schedule (30 s ... 48 h); tests compress it, e.g. 0.001. */
    public static final String DEFAULT_WEBHOOK_RETRY_SCALE = "1.0";
    public static final String DEFAULT_RATE_LIMIT_PER_MINUTE = "0";
    public static final String DEFAULT_NOVAMED_PORT = "18092";
    public static final String DEFAULT_NOVAMED_API_KEY = "sandbox-novamed-key";
    public static final String DEFAULT_NOVAMED_CLINIC_ID = "5b0c3b8e-6f7a-4c1e-9a55-2f4e8d9c1a01";

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

    /** NovaMed simulator settings. */
    public record NovaMed(int port, String apiKey, String clinicId, int rateLimitPerMinute) {
    }

    public static SandboxSettings defaults() {
        return fromProperties(name -> null);
    }

    /**
     * Reads {@code medsync.sandbox.*} names through {@code lookup} (e.g. {@code System::getProperty}), falling back
     * to the defaults above for names it does not know.
     */
    public static SandboxSettings fromProperties(UnaryOperator<String> lookup) {
        UnaryOperator<String> get = key -> lookup.apply(PREFIX + key);
        return new SandboxSettings(
                Long.parseLong(or(get.apply("seed.random-seed"), DEFAULT_RANDOM_SEED)),
                Integer.parseInt(or(get.apply("seed.providers"), DEFAULT_PROVIDERS)),
                Integer.parseInt(or(get.apply("seed.patients"), DEFAULT_PATIENTS)),
                Integer.parseInt(or(get.apply("seed.appointments"), DEFAULT_APPOINTMENTS)),
                Duration.parse(or(get.apply("latency"), DEFAULT_LATENCY)),
                Integer.parseInt(or(get.apply("threads"), DEFAULT_THREADS)),
                new NexHealth(
                        Integer.parseInt(or(get.apply("nexhealth.port"), DEFAULT_NEXHEALTH_PORT)),
                        or(get.apply("nexhealth.api-key"), DEFAULT_NEXHEALTH_API_KEY),
                        Duration.parse(or(get.apply("nexhealth.token-ttl"), DEFAULT_NEXHEALTH_TOKEN_TTL)),
                        or(get.apply("nexhealth.subdomain"), DEFAULT_NEXHEALTH_SUBDOMAIN),
                        Long.parseLong(or(get.apply("nexhealth.location-id"), DEFAULT_NEXHEALTH_LOCATION_ID)),
                        Long.parseLong(or(get.apply("nexhealth.second-location-id"),
                                DEFAULT_NEXHEALTH_SECOND_LOCATION_ID)),
                        Integer.parseInt(or(get.apply("nexhealth.rate-limit-per-minute"),
                                DEFAULT_RATE_LIMIT_PER_MINUTE)),
                        Double.parseDouble(or(get.apply("nexhealth.webhook-retry-scale"),
                                DEFAULT_WEBHOOK_RETRY_SCALE))),
                new NovaMed(
                        Integer.parseInt(or(get.apply("novamed.port"), DEFAULT_NOVAMED_PORT)),
                        or(get.apply("novamed.api-key"), DEFAULT_NOVAMED_API_KEY),
                        or(get.apply("novamed.clinic-id"), DEFAULT_NOVAMED_CLINIC_ID),
                        Integer.parseInt(or(get.apply("novamed.rate-limit-per-minute"),
                                DEFAULT_RATE_LIMIT_PER_MINUTE))));
    }

    /** Same settings with both ports 0, so the OS picks free ones (tests). */
    public SandboxSettings withEphemeralPorts() {
        return new SandboxSettings(randomSeed, providers, patients, appointments, latency, threads,
                nexHealth.withPort(0),
                new NovaMed(0, novaMed.apiKey(), novaMed.clinicId(), novaMed.rateLimitPerMinute()));
    }

    public SandboxSettings withSeed(long seed, int providerCount, int patientCount) {
        return new SandboxSettings(seed, providerCount, patientCount, appointments, latency, threads, nexHealth,
                novaMed);
    }

    public SandboxSettings withAppointments(int appointmentCount) {
        return new SandboxSettings(randomSeed, providers, patients, appointmentCount, latency, threads, nexHealth,
                novaMed);
    }

    public SandboxSettings withNexHealth(NexHealth newNexHealth) {
        return new SandboxSettings(randomSeed, providers, patients, appointments, latency, threads, newNexHealth,
                novaMed);
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
