package io.medsync.tenant;

import java.util.Optional;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Secrets are configured by reference: a property (e.g. {@code ...api-key-ref}) names the environment variable or
 * property that holds the secret, so the secret itself never sits in a configuration file.
 */
public final class KeyRefs {

    private KeyRefs() {
    }

    /**
     * The secret {@code ref} points to.
     *
     * @throws ConfigurationException naming {@code refProperty} when nothing (or only blanks) is set under {@code ref}
     */
    public static String resolve(Config config, String refProperty, String ref) {
        Optional<String> value = config.getOptionalValue(ref, String.class).filter(v -> !v.isBlank());
        return value.orElseThrow(() -> new ConfigurationException(refProperty + " names '" + ref
                + "', but no property or environment variable of that name is set"));
    }
}
