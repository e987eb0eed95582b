package io.medsync.heidi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

/** The EHR patient → Heidi profile crosswalk, run on each ledger database (V6__heidi_profiles.sql). */
abstract class HeidiProfilesContract {

    @Inject
    HeidiProfiles profiles;

    private final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aProfileIsRememberedPerTenantRegionAndPatient() {
        assertThat(profiles.find(tenant, "AU", "200109")).isEmpty();

        assertThat(profiles.remember(tenant, "AU", "200109", "profile-au")).isEqualTo("profile-au");

        assertThat(profiles.find(tenant, "AU", "200109")).contains("profile-au");
        assertThat(profiles.find(tenant, "US", "200109")).isEmpty();
        assertThat(profiles.find(tenant, "AU", "200110")).isEmpty();
        assertThat(profiles.find("other-" + tenant, "AU", "200109")).isEmpty();
    }

    @Test
    void theFirstProfileStoredWinsARace() {
        profiles.remember(tenant, "AU", "200109", "first");

        assertThat(profiles.remember(tenant, "AU", "200109", "second")).isEqualTo("first");
        assertThat(profiles.find(tenant, "AU", "200109")).contains("first");
    }

    @Test
    void aForgottenProfileCanBeReplaced() {
        profiles.remember(tenant, "AU", "200109", "gone");

        profiles.forget(tenant, "AU", "200109");

        assertThat(profiles.find(tenant, "AU", "200109")).isEmpty();
        assertThat(profiles.remember(tenant, "AU", "200109", "new")).isEqualTo("new");
    }
}
