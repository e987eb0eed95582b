package io.medsync.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.medsync.heidi.HeidiSettings;
import io.medsync.nexhealth.NexHealthSettings;
import io.medsync.novamed.NovaMedSettings;
import io.medsync.tenant.TenantsConfig;
import io.medsync.tenant.TestTenants;
import io.medsync.testing.StartupConfig;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.SmallRyeConfig;

/**
 * What the prod profile refuses at start-up, checked without a boot: {@link ProductionSafety} is called with the
 * configuration start-up would give it ({@link ProductionSafetyTest} shows once that a refusal stops the process).
 */
class ProductionSafetyRulesTest {

    @Test
    void aPlainHttpNovaMedUrlIsRefused() {
        Map<String, String> config = TestTenants.nexHealthTenant("acme");
        config.put("medsync.novamed.base-url", "http://novamed.internal");

        assertThatThrownBy(() -> checkProd(config))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("medsync.novamed.base-url must be an https:// URL in the prod profile");
    }

    @Test
    void aNextGenTenantWhoseFhirServerIsPlainHttpIsRefusedWithoutEchoingItsSecret() {
        Map<String, String> config = new HashMap<>();
        String t = "medsync.tenants.acme.";
        config.put(t + "nextgen.fhir-base-url", "http://fhir.internal/fhir/r4/");
        config.put(t + "nextgen.auth", "client-credentials");
        config.put(t + "nextgen.token-url", "https://fhir.example/oauth/token");
        config.put(t + "nextgen.client-id", "medsync");
        config.put(t + "nextgen.client-secret-ref", "acme.nextgen.secret");
        config.put(t + "novamed.clinic-id", "2a7d8da1-2f69-46e1-87a4-04490ab73c41");
        config.put(t + "novamed.api-key-ref", "acme.novamed.key");
        config.put(t + "defaults.carrier-id", "se-3818360");
        config.put(t + "defaults.service-id", "fedex_ground");
        config.put("acme.nextgen.secret", "acme-nextgen-client-secret-value");
        config.put("acme.novamed.key", "k2");

        assertThatThrownBy(() -> checkProd(config))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(e.getMessage())
                        .contains("medsync.tenants.acme.nextgen.fhir-base-url must be an https:// URL in the prod profile")
                        .doesNotContain("acme-nextgen-client-secret-value"));
    }

    @Test
    void aNovaMedWebhookUrlWithoutTheSecretItsDeliveriesCarryIsRefused() {
        Map<String, String> config = TestTenants.nexHealthTenant("acme");
        config.put("medsync.novamed.webhook.url", "https://medsync.example/webhooks/novamed");

        assertThatThrownBy(() -> checkProd(config))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("medsync.novamed.webhook.secret (MEDSYNC_NOVAMED_WEBHOOK_SECRET) must be set when"
                        + " medsync.novamed.webhook.url is");
    }

    @Test
    void httpsEndpointsPass() {
        Map<String, String> config = TestTenants.nexHealthTenant("acme");
        config.put("medsync.novamed.webhook.url", "https://medsync.example/webhooks/novamed");
        config.put("medsync.novamed.webhook.secret", "a-webhook-secret");

        assertThat(checkProd(config)).isNotNull();
    }

    /** The checks as start-up runs them in the prod profile, with the sandbox off as prod has it. */
    private static ProductionSafety checkProd(Map<String, String> properties) {
        SmallRyeConfig config = StartupConfig.build("prod", properties, NexHealthSettings.class,
                NovaMedSettings.class, HeidiSettings.class, TenantsConfig.class);
        return StartupConfig.activeDuring(config, () -> new ProductionSafety(
                config.getConfigMapping(NexHealthSettings.class), config.getConfigMapping(NovaMedSettings.class),
                config.getConfigMapping(HeidiSettings.class), TestTenants.registry(config), false));
    }
}
