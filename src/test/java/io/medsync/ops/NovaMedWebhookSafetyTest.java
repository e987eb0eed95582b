package io.medsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;

/** In prod, a NovaMed webhook URL without the secret its deliveries carry is refused at start-up, naming both. */
@QuarkusMainTest
@TestProfile(NovaMedWebhookSafetyTest.ProdWithWebhookButNoSecret.class)
class NovaMedWebhookSafetyTest {

    public static class ProdWithWebhookButNoSecret extends ProductionSafetyTest.ProdWithPlainHttp {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("medsync.novamed.base-url", "https://novamed.example");
            config.put("medsync.novamed.webhook.url", "https://medsync.example/webhooks/novamed");
            config.put("quarkus.datasource.jdbc.url", "jdbc:h2:mem:prod-webhook-safety");
            return config;
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void startUpRefusesAWebhookUrlWithoutItsSecret(LaunchResult result) {
        assertThat(result.getOutput() + result.getErrorOutput())
                .contains("medsync.novamed.webhook.secret (MEDSYNC_NOVAMED_WEBHOOK_SECRET) must be set when"
                        + " medsync.novamed.webhook.url is");
    }
}
