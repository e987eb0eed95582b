package io.medsync.tenant;

import java.util.HashMap;
import java.util.Map;

import io.medsync.testing.StartupConfig;
import io.smallrye.config.SmallRyeConfig;

/** Tenants resolved as at start-up, from properties alone: for tests of what start-up accepts and refuses. */
public final class TestTenants {

    private TestTenants() {
    }

    /** A valid NexHealth tenant {@code id} and the secrets its key references name. */
    public static Map<String, String> nexHealthTenant(String id) {
        String p = "medsync.tenants." + id + ".";
        Map<String, String> config = new HashMap<>();
        config.put(p + "nexhealth.locations.main.subdomain", "demo-dental");
        config.put(p + "nexhealth.locations.main.location-id", "101");
        config.put(p + "nexhealth.api-key-ref", id + ".nexhealth.key");
        config.put(p + "novamed.clinic-id", "5b0c3b8e-6f7a-4c1e-9a55-2f4e8d9c1a01");
        config.put(p + "novamed.api-key-ref", id + ".novamed.key");
        config.put(p + "defaults.practice-address.line1", "100 Congress Ave");
        config.put(p + "defaults.practice-address.city", "Austin");
        config.put(p + "defaults.practice-address.state-code", "TX");
        config.put(p + "defaults.practice-address.zip-code", "78701");
        config.put(id + ".nexhealth.key", "test-nexhealth-key-value");
        config.put(id + ".novamed.key", "test-novamed-key-value");
        return config;
    }

    /** @throws RuntimeException what start-up would stop with: a validation or a configuration exception */
    public static TenantRegistry registry(SmallRyeConfig config) {
        return new TenantRegistry(config.getConfigMapping(TenantsConfig.class), config);
    }

    public static TenantRegistry registry(String profile, Map<String, String> properties) {
        return registry(StartupConfig.build(profile, properties, TenantsConfig.class));
    }
}
