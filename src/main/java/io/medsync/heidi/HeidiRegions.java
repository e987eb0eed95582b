package io.medsync.heidi;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

import io.medsync.tenant.KeyRefs;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;

/** Resolves every configured Heidi region's key once, at start-up, so a missing key names its property at once. */
@Startup
@ApplicationScoped
public class HeidiRegions {

    private final Map<String, HeidiRegion> regions;

    HeidiRegions(HeidiSettings settings, Config config) {
        Map<String, HeidiRegion> resolved = new TreeMap<>();
        settings.regions().forEach((name, region) -> {
            String prefix = "medsync.heidi.regions." + name;
            String normalized = name.toUpperCase(Locale.ROOT);
            if (!normalized.matches("[A-Z]{2,8}")) {
                throw new ConfigurationException(prefix + ": a region name is 2 to 8 letters, e.g. AU, US, EU, UK");
            }
            if (resolved.containsKey(normalized)) {
                throw new ConfigurationException(prefix + ": region " + normalized + " is configured twice");
            }
            resolved.put(normalized, new HeidiRegion(normalized, region.baseUrl().orElse(settings.baseUrl()),
                    KeyRefs.resolve(config, prefix + ".api-key-ref", region.apiKeyRef())));
        });
        this.regions = Collections.unmodifiableMap(resolved);
    }

    /** @throws IllegalArgumentException (a 400 for the caller) naming the known regions */
    public HeidiRegion get(String name) {
        HeidiRegion region = name == null ? null : regions.get(name.toUpperCase(Locale.ROOT));
        if (region == null) {
            throw new IllegalArgumentException("unknown Heidi region '" + name + "'; known regions: "
                    + (regions.isEmpty() ? "none (configure medsync.heidi.regions.<REGION>.api-key-ref)"
                            : String.join(", ", regions.keySet())));
        }
        return region;
    }

    public java.util.Collection<HeidiRegion> all() {
        return regions.values();
    }
}
