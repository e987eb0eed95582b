package io.medsync.heidi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;

/** A Heidi region whose key reference points at nothing stops start-up, naming the property, not a key. */
@QuarkusMainTest
@TestProfile(MissingHeidiKeyTest.DanglingRegionKey.class)
class MissingHeidiKeyTest {

    public static class DanglingRegionKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("medsync.heidi.regions.EU.api-key-ref", "HEIDI_EU_KEY_THAT_IS_NOT_SET");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void startUpFailsNamingTheRegionsKeyReference(LaunchResult result) {
        String output = result.getOutput() + result.getErrorOutput();
        assertThat(output)
                .contains("medsync.heidi.regions.EU.api-key-ref names 'HEIDI_EU_KEY_THAT_IS_NOT_SET'")
                .doesNotContain("sandbox-heidi-au-key");
    }
}
