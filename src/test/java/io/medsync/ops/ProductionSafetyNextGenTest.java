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

/** The prod profile refuses a NextGen tenant whose FHIR server is reached over plain HTTP (tokens and PHI in clear). */
@QuarkusMainTest
@TestProfile(ProductionSafetyNextGenTest.ProdWithPlainHttpFhir.class)
class ProductionSafetyNextGenTest {

    public static class ProdWithPlainHttpFhir implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "prod";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            config.put("medsync.novamed.base-url", "https://novamed.example");
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
            config.put("quarkus.datasource.jdbc.url", "jdbc:h2:mem:prod-safety-nextgen");
            config.put("quarkus.http.port", "0");
            return config;
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void startUpRefusesAPlainHttpFhirServer(LaunchResult result) {
        assertThat(result.getOutput() + result.getErrorOutput())
                .contains("medsync.tenants.acme.nextgen.fhir-base-url must be an https:// URL in the prod profile")
                .doesNotContain("acme-nextgen-client-secret-value");
    }
}
