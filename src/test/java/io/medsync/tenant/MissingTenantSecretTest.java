package io.medsync.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;

/** A key reference that points at nothing stops start-up, naming the reference property but not any secret. */
@QuarkusMainTest
@TestProfile(MissingTenantSecretTest.DanglingKeyReference.class)
class MissingTenantSecretTest {

    public static class DanglingKeyReference implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("medsync.tenants.demo-clinic.novamed.api-key-ref", "NOVAMED_KEY_THAT_IS_NOT_SET");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void startUpFailsNamingTheKeyReference(LaunchResult result) {
        String output = result.getOutput() + result.getErrorOutput();
        assertThat(output)
                .contains("medsync.tenants.demo-clinic.novamed.api-key-ref names 'NOVAMED_KEY_THAT_IS_NOT_SET'")
                .doesNotContain("sandbox-nexhealth-key");
    }
}
