package io.medsync.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;

/** A malformed tenant value stops start-up with a message that names the property. */
@QuarkusMainTest
@TestProfile(InvalidTenantConfigTest.MalformedValues.class)
class InvalidTenantConfigTest {

    public static class MalformedValues implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "medsync.tenants.demo-clinic.novamed.clinic-id", "not-a-uuid",
                    "medsync.tenants.demo-clinic.defaults.practice-address.zip-code", "7870");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void startUpFailsNamingEachMalformedProperty(LaunchResult result) {
        String output = result.getOutput() + result.getErrorOutput();
        assertThat(output)
                .contains("medsync.tenants.demo-clinic.novamed.clinic-id")
                .contains("must be a UUID")
                .contains("medsync.tenants.demo-clinic.defaults.practice-address.zip-code");
    }
}
