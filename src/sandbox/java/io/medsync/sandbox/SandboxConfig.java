package io.medsync.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Every {@code medsync.sandbox.*} setting of the simulators, with its default: the one place they are defined.
 * Inside the application (demo, tests) Quarkus injects it; a stand-alone simulator JVM reads it with {@link #load}.
 */
@ConfigMapping(prefix = SandboxConfig.PREFIX)
public interface SandboxConfig {

    String PREFIX = "medsync.sandbox";

    /** Start the simulators inside the application (demo and tests). */
    @WithDefault("false")
    boolean enabled();

    /** Added to every simulator answer. */
    @WithDefault("PT0S")
    Duration latency();

    /** Worker threads of each simulator's HTTP server. */
    @WithDefault("16")
    int threads();

    Seed seed();

    NexHealth nexhealth();

    NovaMed novamed();

    NextGen nextgen();

    Heidi heidi();

    /** What the simulators hold at start; the same random seed gives the same data. */
    interface Seed {
        @WithDefault("42")
        long randomSeed();

        @WithDefault("10")
        int providers();

        @WithDefault("200")
        int patients();

        @WithDefault("300")
        int appointments();

        @WithName("nextgen-patients")
        @WithDefault("12")
        int nextGenPatients();
    }

    interface NexHealth {
        @WithDefault("18091")
        int port();

        @WithDefault("sandbox-nexhealth-key")
        String apiKey();

        @WithDefault("PT24H")
        Duration tokenTtl();

        @WithDefault("demo-dental")
        String subdomain();

        @WithDefault("101")
        long locationId();

        @WithDefault("102")
        long secondLocationId();

        /** 0 = no limit. */
        @WithDefault("0")
        int rateLimitPerMinute();

        /** 1.0 = NexHealth's real webhook retry schedule (30 s ... 48 h); tests compress it, e.g. 0.001. */
        @WithDefault("1.0")
        double webhookRetryScale();
    }

    interface NovaMed {
        @WithDefault("18092")
        int port();

        @WithDefault("sandbox-novamed-key")
        String apiKey();

        @WithDefault("5b0c3b8e-6f7a-4c1e-9a55-2f4e8d9c1a01")
        String clinicId();

        /** 0 = no limit. */
        @WithDefault("0")
        int rateLimitPerMinute();

        /** The {@code x-api-key} NovaMed's webhooks carry. */
        @WithDefault("sandbox-novamed-webhook-secret")
        String webhookSecret();

        /** 1.0 = NovaMed's real webhook retry schedule (immediate ... 1 h). */
        @WithDefault("1.0")
        double webhookRetryScale();
    }

    /** One confidential OAuth client, and token lifetimes as NextGen's auth guide gives them. */
    interface NextGen {
        @WithDefault("18093")
        int port();

        @WithDefault("medsync-sandbox")
        String clientId();

        @WithDefault("sandbox-nextgen-secret")
        String clientSecret();

        @WithDefault("PT1H")
        Duration accessTokenTtl();

        /** NextGen: a refresh token must be exchanged within 48 hours of issue. */
        @WithDefault("PT48H")
        Duration refreshTokenLifetime();

        @WithDefault("PT60S")
        Duration codeTtl();

        /** A choice the contract leaves open: rotate refresh tokens on use. */
        @WithDefault("true")
        boolean rotateRefreshTokens();

        /** A choice the contract leaves open: name the patient in the token response. */
        @WithDefault("true")
        boolean includePatientInTokenResponse();
    }

    interface Heidi {
        @WithDefault("18094")
        int port();

        /** Region codes, e.g. {@code AU,US}; each has one API key. */
        @WithDefault("AU,US")
        List<String> regions();

        /** {@code heidi.api-key.<REGION>}; a region without one gets {@code sandbox-heidi-<region>-key}. */
        @WithName("api-key")
        Map<String, String> apiKeys();

        /** Heidi does not state a JWT lifetime [U]; an hour is what its examples suggest. */
        @WithDefault("PT1H")
        Duration tokenLifetime();
    }

    /**
     * The settings from {@code properties} (e.g. the system properties of a stand-alone simulator JVM) and the
     * defaults above, without Quarkus; names outside {@code medsync.sandbox.} are ignored.
     */
    static SandboxConfig load(Map<String, String> properties) {
        Map<String, String> ours = new TreeMap<>();
        properties.forEach((name, value) -> {
            if (name.startsWith(PREFIX + ".") && value != null && !value.isBlank()) {
                ours.put(name, value.trim());
            }
        });
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(ours, "medsync.sandbox properties", 400))
                .withMapping(SandboxConfig.class)
                .withValidateUnknown(false)
                .build()
                .getConfigMapping(SandboxConfig.class);
    }

    /** {@link #load} from this JVM's system properties. */
    static SandboxConfig fromSystemProperties() {
        Map<String, String> properties = new TreeMap<>();
        System.getProperties().forEach((name, value) -> properties.put(String.valueOf(name), String.valueOf(value)));
        return load(properties);
    }
}
