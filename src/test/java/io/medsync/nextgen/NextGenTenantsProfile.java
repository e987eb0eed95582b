package io.medsync.nextgen;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Two NextGen tenants with patient consent against the sandbox: one reads R4, one DSTU2, both with NextGen's own
 * paths. The app listens on a fixed port so the registered redirect URI is known to the authorization server.
 */
public class NextGenTenantsProfile implements QuarkusTestProfile {

    public static final int APP_PORT = 28095;
    public static final String R4_TENANT = "nextgen-r4";
    public static final String DSTU2_TENANT = "nextgen-dstu2";

    /** The fixed port the app listens on; a subclass picks another so its tests can run beside these. */
    protected int appPort() {
        return APP_PORT;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.http.test-port", String.valueOf(appPort()));
        tenant(config, R4_TENANT, "r4", "/nge/prod/fhir-api-r4/fhir/r4/");
        tenant(config, DSTU2_TENANT, "dstu2", "/nge/prod/fhir-api/fhir/dstu2/");
        return config;
    }

    private void tenant(Map<String, String> config, String id, String version, String basePath) {
        String p = "medsync.tenants." + id + ".";
        String sandbox = "http://127.0.0.1:${medsync.sandbox.nextgen.port}";
        config.put(p + "nextgen.fhir-version", version);
        config.put(p + "nextgen.fhir-base-url", sandbox + basePath);
        config.put(p + "nextgen.auth", "patient-consent");
        config.put(p + "nextgen.authorize-url", sandbox + "/nge/prod/patient-oauth/authorize");
        config.put(p + "nextgen.token-url", sandbox + "/nge/prod/patient-oauth/token");
        config.put(p + "nextgen.client-id", "${medsync.sandbox.nextgen.client-id}");
        config.put(p + "nextgen.client-secret-ref", "medsync.sandbox.nextgen.client-secret");
        config.put(p + "nextgen.redirect-uri", "http://127.0.0.1:" + appPort() + "/nextgen/callback");
        config.put(p + "novamed.clinic-id", "5b0c3b8e-6f7a-4c1e-9a55-2f4e8d9c1a01");
        config.put(p + "novamed.api-key-ref", "medsync.sandbox.novamed.api-key");
        config.put(p + "defaults.carrier-id", "se-3818360");
        config.put(p + "defaults.service-id", "fedex_ground");
        config.put(p + "defaults.practice-address.line1", "100 Congress Ave");
        config.put(p + "defaults.practice-address.city", "Austin");
        config.put(p + "defaults.practice-address.state-code", "TX");
        config.put(p + "defaults.practice-address.zip-code", "78701");
    }
}
