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
        Duration latency,
        int threads,
        NexHealth nexHealth,
        NovaMed novaMed) {

    public static final String PREFIX = "medsync.sandbox.";
    public static final String DEFAULT_ENABLED = "false";
    public static final String DEFAULT_RANDOM_SEED = "42";
    public static final String DEFAULT_PROVIDERS = "10";
    public static final String DEFAULT_PATIENTS = "200";
    public static final String DEFAULT_LATENCY = "PT0S";
    public static final String DEFAULT_THREADS = "16";
    static final int DEFAULT_THREADS_INT = 16;
    public static final String DEFAULT_NEXHEALTH_PORT = "18091";
    public static final String DEFAULT_NEXHEALTH_API_KEY = "sandbox-nexhealth-key";
    public static final String DEFAULT_NEXHEALTH_TOKEN_TTL = "PT24H";
    public static final String DEFAULT_NEXHEALTH_SUBDOMAIN = "demo-dental";
    public static final String DEFAULT_NEXHEALTH_LOCATION_ID = "101";
    public static final String DEFAULT_RATE_LIMIT_PER_MINUTE = "0";
    public static final String DEFAULT_NOVAMED_PORT = "18092";
    public static final String DEFAULT_NOVAMED_API_KEY = "sandbox-novamed-key";
    public static final String DEFAULT_NOVAMED_CLINIC_ID = "5b0c3b8e-6f7a-4c1e-9a55-2f4e8d9c1a01";

    /** NexHealth simulator settings. */
    public record NexHealth(int port, String apiKey, Duration tokenTtl, String subdomain, long locationId,
            int rateLimitPerMinute) {
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
                Duration.parse(or(get.apply("latency"), DEFAULT_LATENCY)),
                Integer.parseInt(or(get.apply("threads"), DEFAULT_THREADS)),
                new NexHealth(
                        Integer.parseInt(or(get.apply("nexhealth.port"), DEFAULT_NEXHEALTH_PORT)),
                        or(get.apply("nexhealth.api-key"), DEFAULT_NEXHEALTH_API_KEY),
                        Duration.parse(or(get.apply("nexhealth.token-ttl"), DEFAULT_NEXHEALTH_TOKEN_TTL)),
                        or(get.apply("nexhealth.subdomain"), DEFAULT_NEXHEALTH_SUBDOMAIN),
                        Long.parseLong(or(get.apply("nexhealth.location-id"), DEFAULT_NEXHEALTH_LOCATION_ID)),
                        Integer.parseInt(or(get.apply("nexhealth.rate-limit-per-minute"),
                                DEFAULT_RATE_LIMIT_PER_MINUTE))),
                new NovaMed(
                        Integer.parseInt(or(get.apply("novamed.port"), DEFAULT_NOVAMED_PORT)),
                        or(get.apply("novamed.api-key"), DEFAULT_NOVAMED_API_KEY),
                        or(get.apply("novamed.clinic-id"), DEFAULT_NOVAMED_CLINIC_ID),
                        Integer.parseInt(or(get.apply("novamed.rate-limit-per-minute"),
                                DEFAULT_RATE_LIMIT_PER_MINUTE))));
    }

    /** Same settings with both ports 0, so the OS picks free ones (tests). */
    public SandboxSettings withEphemeralPorts() {
        return new SandboxSettings(randomSeed, providers, patients, latency, threads,
                new NexHealth(0, nexHealth.apiKey(), nexHealth.tokenTtl(), nexHealth.subdomain(),
                        nexHealth.locationId(), nexHealth.rateLimitPerMinute()),
                new NovaMed(0, novaMed.apiKey(), novaMed.clinicId(), novaMed.rateLimitPerMinute()));
    }

    public SandboxSettings withSeed(long seed, int providerCount, int patientCount) {
        return new SandboxSettings(seed, providerCount, patientCount, latency, threads, nexHealth, novaMed);
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
