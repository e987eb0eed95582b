package io.medsync.sandbox;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Everything the simulators need, independent of CDI so {@link SandboxMain} can build it from system
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
        NovaMed novaMed,
        Heidi heidi) {

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
    public static final String DEFAULT_NOVAMED_WEBHOOK_SECRET = "sandbox-novamed-webhook-secret";
    public static final String DEFAULT_HEIDI_PORT = "18094";
    public static final String DEFAULT_HEIDI_REGIONS = "AU,US";
    /** Heidi does not state a JWT lifetime [U]; an hour is what its examples suggest. */
    public static final String DEFAULT_HEIDI_TOKEN_LIFETIME = "PT1H";

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

        /**
         * Reads {@code heidi.port}, {@code heidi.regions} (e.g. {@code AU,US}), {@code heidi.api-key.<REGION>}
         * (default {@code sandbox-heidi-<region>-key}) and {@code heidi.token-lifetime} under {@link #PREFIX}.
         */
        public static Heidi fromProperties(UnaryOperator<String> lookup) {
            UnaryOperator<String> get = key -> lookup.apply(PREFIX + "heidi." + key);
            Map<String, String> keys = new TreeMap<>();
            for (String region : or(get.apply("regions"), DEFAULT_HEIDI_REGIONS).split(",")) {
                String name = region.trim().toUpperCase(Locale.ROOT);
                if (!name.isEmpty()) {
                    keys.put(name, or(get.apply("api-key." + name),
                            "sandbox-heidi-" + name.toLowerCase(Locale.ROOT) + "-key"));
                }
            }
            return new Heidi(Integer.parseInt(or(get.apply("port"), DEFAULT_HEIDI_PORT)), keys,
                    Duration.parse(or(get.apply("token-lifetime"), DEFAULT_HEIDI_TOKEN_LIFETIME)));
        }

        @Override
        public String toString() {
            return "Heidi[port=" + port + ", regions=" + apiKeysByRegion.keySet() + ", tokenLifetime="
                    + tokenLifetime + "]";
        }
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
                                DEFAULT_RATE_LIMIT_PER_MINUTE)),
                        or(get.apply("novamed.webhook-secret"), DEFAULT_NOVAMED_WEBHOOK_SECRET),
                        Double.parseDouble(or(get.apply("novamed.webhook-retry-scale"),
                                DEFAULT_WEBHOOK_RETRY_SCALE))),
                Heidi.fromProperties(lookup));
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

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
