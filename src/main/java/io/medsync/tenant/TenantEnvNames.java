package io.medsync.tenant;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigMappings;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Tenants whose id has a dash ({@code acme-east}), configured from environment variables, as Kubernetes passes
 * configuration. An environment variable name cannot say where a dash was ({@code MEDSYNC_TENANTS_ACME_EAST_...}
 * could be tenant {@code acme} or {@code acme-east}), so ids with dashes are listed in {@code medsync.tenant-ids}
 * ({@code MEDSYNC_TENANT_IDS=acme-east,...}); this source then gives each of their variables its property name,
 * by the tenant properties {@link TenantsConfig} defines ({@code MEDSYNC_TENANTS_ACME_EAST_NOVAMED_CLINIC_ID} →
 * {@code medsync.tenants.acme-east.novamed.clinic-id}). Keys below a tenant (location aliases) read dashes from
 * underscores.
 */
public final class TenantEnvNames implements ConfigSourceFactory {

    public static final String TENANT_IDS = "medsync.tenant-ids";
    private static final String PREFIX = "medsync.tenants.";
    /** Just below the environment's own source (300): an explicitly named variable wins. */
    private static final int ORDINAL = 295;

    /** The properties of one tenant, as patterns over the part of a variable's name after the tenant id. */
    private static final List<Map.Entry<Pattern, String>> TENANT_PROPERTIES = tenantProperties();

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue ids = context.getValue(TENANT_IDS);
        if (ids == null || ids.getValue() == null || ids.getValue().isBlank()) {
            return List.of();
        }
        return List.of(source(Arrays.stream(ids.getValue().split(",")).map(String::trim)
                .filter(id -> !id.isEmpty()).toList(), System.getenv()));
    }

    /** The tenant properties that {@code env} sets for {@code tenantIds}, under their property names. */
    public static ConfigSource source(List<String> tenantIds, Map<String, String> env) {
        Map<String, String> properties = new HashMap<>();
        for (String id : tenantIds) {
            String envPrefix = ConfigProblems.envVar(PREFIX + id) + "_";
            env.forEach((name, value) -> {
                if (name.startsWith(envPrefix)) {
                    propertyOf(name.substring(envPrefix.length()))
                            .ifPresent(rest -> properties.put(PREFIX + id + "." + rest, value));
                }
            });
        }
        return new PropertiesConfigSource(properties, "medsync tenant ids from environment variables", ORDINAL);
    }

    /** {@code NEXHEALTH_LOCATIONS_NORTH_WING_SUBDOMAIN} → {@code nexhealth.locations.north-wing.subdomain}. */
    static Optional<String> propertyOf(String envRest) {
        for (Map.Entry<Pattern, String> property : TENANT_PROPERTIES) {
            Matcher m = property.getKey().matcher(envRest);
            if (m.matches()) {
                String name = property.getValue();
                for (int group = 1; group <= m.groupCount(); group++) {
                    name = name.replaceFirst("\\*", m.group(group).toLowerCase(Locale.ROOT).replace('_', '-'));
                }
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    private static List<Map.Entry<Pattern, String>> tenantProperties() {
        List<Map.Entry<Pattern, String>> properties = new ArrayList<>();
        String tenant = PREFIX + "*.";
        for (String name : ConfigMappings.getProperties(
                ConfigMappings.ConfigClass.configClass(TenantsConfig.class, "medsync.tenants")).keySet()) {
            if (!name.startsWith(tenant)) {
                continue;
            }
            String rest = name.substring(tenant.length()).replace("[*]", "");
            StringBuilder regex = new StringBuilder();
            for (String part : rest.split("\\*", -1)) {
                if (regex.length() > 0) {
                    regex.append("([A-Z0-9_]+?)");
                }
                regex.append(Pattern.quote(ConfigProblems.envVar(part)));
            }
            properties.add(Map.entry(Pattern.compile(regex.toString()), rest));
        }
        return properties;
    }
}
