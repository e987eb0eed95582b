package io.medsync.tenant;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.medsync.testing.StartupConfig;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class EnvScratchTest {
    static final Map<String, String> ENV = Map.of(
            "MEDSYNC_TENANTS_ACME_EAST_NEXHEALTH_LOCATIONS_MAIN_SUBDOMAIN", "acme",
            "MEDSYNC_TENANTS_ACME_EAST_NEXHEALTH_LOCATIONS_MAIN_LOCATION_ID", "12",
            "MEDSYNC_TENANTS_ACME_EAST_NEXHEALTH_API_KEY_REF", "NHK",
            "MEDSYNC_TENANTS_ACME_EAST_NOVAMED_CLINIC_ID", "2a7d8da1-2f69-46e1-87a4-04490ab73c41",
            "MEDSYNC_TENANTS_ACME_EAST_NOVAMED_API_KEY_REF", "NMK");

    void attempt(String label, Map<String, String> props) {
        try {
            SmallRyeConfig c = new SmallRyeConfigBuilder().withSources(new EnvConfigSource(ENV, 300))
                    .withSources(new PropertiesConfigSource(props, "p", 250)).withMapping(TenantsConfig.class).build();
            System.out.println(label + " -> " + c.getConfigMapping(TenantsConfig.class).tenants().keySet()
                    + " " + c.getConfigMapping(TenantsConfig.class).tenants().values().stream().map(t -> t.nexhealth().map(n -> n.locations().keySet()).toString() + t.novamed().clinicId()).toList());
        } catch (Exception e) {
            System.out.println(label + " -> " + e.getMessage().replace('\n', ' ').substring(0, Math.min(400, e.getMessage().length())));
        }
    }

    @Test
    void scratch() {
        attempt("plain", Map.of());
        attempt("enabled", Map.of("medsync.tenants.acme-east.enabled", "true"));
        attempt("quoted", Map.of("medsync.tenants.\"acme-east\".enabled", "true"));
        attempt("nexhealth", Map.of("medsync.tenants.acme-east.nexhealth.api-key-ref", ""));
    }
}
