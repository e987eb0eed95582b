package io.medsync.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigValidationException;

/**
 * What start-up makes of tenant configuration, checked without a boot (start-up runs exactly these checks; that a
 * failed check stops the application is shown once, by {@code ops.ProductionSafetyTest}).
 */
class TenantStartupChecksTest {

    private static final String TENANT = "demo-clinic";
    private static final String PREFIX = "medsync.tenants." + TENANT + ".";

    @Test
    void malformedValuesAreRefusedNamingEachProperty() {
        Map<String, String> config = TestTenants.nexHealthTenant(TENANT);
        config.put(PREFIX + "novamed.clinic-id", "not-a-uuid");
        config.put(PREFIX + "defaults.practice-address.zip-code", "7870");

        assertThatThrownBy(() -> TestTenants.registry("test", config))
                .isInstanceOf(ConfigValidationException.class)
                .satisfies(e -> assertThat(e.getMessage())
                        .contains("medsync.tenants.demo-clinic.novamed.clinic-id")
                        .contains("must be a UUID")
                        .contains("medsync.tenants.demo-clinic.defaults.practice-address.zip-code"));
    }

    @Test
    void aKeyReferenceThatPointsAtNothingIsRefusedNamingTheReferenceButNoSecret() {
        Map<String, String> config = TestTenants.nexHealthTenant(TENANT);
        config.put(PREFIX + "novamed.api-key-ref", "NOVAMED_KEY_THAT_IS_NOT_SET");

        assertThatThrownBy(() -> TestTenants.registry("test", config))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(e.getMessage())
                        .contains("medsync.tenants.demo-clinic.novamed.api-key-ref names 'NOVAMED_KEY_THAT_IS_NOT_SET'")
                        .doesNotContain("test-nexhealth-key-value"));
    }

    @Test
    void theSyncScopeIsReadPerTenant() {
        Map<String, String> config = TestTenants.nexHealthTenant(TENANT);
        config.putAll(TestTenants.nexHealthTenant("appointments-only"));
        config.put("medsync.tenants.appointments-only.sync.scope", "appointment-patients");

        TenantRegistry tenants = TestTenants.registry("test", config);

        assertThat(tenants.get(TENANT).syncScope()).isEqualTo(Tenant.SyncScope.ALL_PATIENTS);
        assertThat(tenants.get("appointments-only").syncScope()).isEqualTo(Tenant.SyncScope.APPOINTMENT_PATIENTS);
    }
}
