package io.medsync.heidi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.medsync.testing.StartupConfig;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.SmallRyeConfig;

/** Heidi regions as start-up resolves them, checked without a boot. */
class HeidiRegionsStartupTest {

    @Test
    void aRegionWhoseKeyReferencePointsAtNothingIsRefusedNamingThePropertyNotAKey() {
        SmallRyeConfig config = StartupConfig.build("test", Map.of(
                "medsync.heidi.regions.AU.api-key-ref", "heidi.au.key",
                "heidi.au.key", "test-heidi-au-key-value",
                "medsync.heidi.regions.EU.api-key-ref", "HEIDI_EU_KEY_THAT_IS_NOT_SET"), HeidiSettings.class);

        assertThatThrownBy(() -> new HeidiRegions(config.getConfigMapping(HeidiSettings.class), config))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(e.getMessage())
                        .contains("medsync.heidi.regions.EU.api-key-ref names 'HEIDI_EU_KEY_THAT_IS_NOT_SET'")
                        .doesNotContain("test-heidi-au-key-value"));
    }
}
