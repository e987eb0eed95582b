package io.medsync.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;

/** Without MEDSYNC_ENCRYPTION_KEYS (prod's default) the application refuses to start, naming the property. */
@QuarkusMainTest
@TestProfile(MissingEncryptionKeysTest.NoKeys.class)
class MissingEncryptionKeysTest {

    public static class NoKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("medsync.encryption.keys", "", "quarkus.datasource.jdbc.url", "jdbc:h2:mem:no-keys");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void startUpFailsNamingTheKeysProperty(LaunchResult result) {
        assertThat(result.getOutput() + result.getErrorOutput())
                .contains("medsync.encryption.keys is not set");
    }
}
