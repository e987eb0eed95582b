package io.medsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;

/**
 * The prod profile refuses a plain-HTTP partner URL, naming the property, and the process exits: the one boot that
 * shows a failed start-up check stops the application. Each check's own message is tested without a boot
 * ({@link ProductionSafetyRulesTest}, {@code tenant.TenantStartupChecksTest}, {@code heidi.HeidiRegionsStartupTest},
 * {@code crypto.PayloadCipherTest}).
 */
@QuarkusMainTest
@TestProfile(ProductionSafetyTest.ProdWithPlainHttp.class)
class ProductionSafetyTest {

    public static class ProdWithPlainHttp implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "prod";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            config.put("medsync.novamed.base-url", "http://novamed.internal");
            config.put("medsync.tenants.acme.nexhealth.locations.main.subdomain", "acme");
            config.put("medsync.tenants.acme.nexhealth.locations.main.location-id", "1");
            config.put("medsync.tenants.acme.nexhealth.api-key-ref", "acme.nexhealth.key");
            config.put("medsync.tenants.acme.novamed.clinic-id", "2a7d8da1-2f69-46e1-87a4-04490ab73c41");
            config.put("medsync.tenants.acme.novamed.api-key-ref", "acme.novamed.key");
            config.put("acme.nexhealth.key", "k1");
            config.put("acme.novamed.key", "k2");
            config.put("quarkus.datasource.jdbc.url", "jdbc:h2:mem:prod-safety");
            config.put("quarkus.http.port", "0");
            config.put("quarkus.management.port", "0");
            return config;
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void startUpRefusesAPlainHttpNovaMedUrl(LaunchResult result) {
        assertThat(result.getOutput() + result.getErrorOutput())
                .contains("medsync.novamed.base-url must be an https:// URL in the prod profile");
    }
}
