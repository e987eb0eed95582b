package io.medsync.testing;

import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.validator.BeanValidationConfigValidator;

/**
 * The configuration the application would read at start-up, built without starting it: the given properties, the
 * given {@code @ConfigMapping}s and the bean validation Quarkus applies to them. Start-up checks are then called
 * directly, so a test of "this value stops start-up with that message" costs milliseconds instead of a boot.
 */
public final class StartupConfig {

    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    private StartupConfig() {
    }

    /**
     * @throws io.smallrye.config.ConfigValidationException as Quarkus would at start-up, naming each bad property
     */
    public static SmallRyeConfig build(String profile, Map<String, String> properties, Class<?>... mappings) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(properties, "test properties", 250))
                .withValidator((BeanValidationConfigValidator) () -> VALIDATOR)
                // Quarkus's own reading of durations ("30s" as well as "PT30S").
                .withConverter(Duration.class, 200, new DurationConverter());
        for (Class<?> mapping : mappings) {
            builder.withMapping(mapping);
        }
        return builder.build();
    }

    /**
     * Runs {@code check} with {@code config} as the application's configuration, so code that asks Quarkus for the
     * active profiles ({@code ConfigUtils.getProfiles()}) sees this configuration's.
     */
    public static <T> T activeDuring(SmallRyeConfig config, Supplier<T> check) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // A class loader of its own: the config registered for it cannot clash with one a Quarkus test registered.
        ClassLoader scope = new URLClassLoader(new URL[0], previous);
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.registerConfig(config, scope);
        thread.setContextClassLoader(scope);
        try {
            return check.get();
        } finally {
            thread.setContextClassLoader(previous);
            resolver.releaseConfig(config);
        }
    }
}
