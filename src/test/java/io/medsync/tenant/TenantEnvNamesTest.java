package io.medsync.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** A tenant id with a dash, configured from environment variables only, as Kubernetes passes configuration. */
class TenantEnvNamesTest {

    private static final Map<String, String> ENV = Map.of(
            "MEDSYNC_TENANTS_ACME_EAST_NEXHEALTH_LOCATIONS_NORTH_WING_SUBDOMAIN", "acme-dental",
            "MEDSYNC_TENANTS_ACME_EAST_NEXHEALTH_LOCATIONS_NORTH_WING_LOCATION_ID", "4321",
            "MEDSYNC_TENANTS_ACME_EAST_NEXHEALTH_API_KEY_REF", "NEXHEALTH_KEY_ACME",
            "MEDSYNC_TENANTS_ACME_EAST_NOVAMED_CLINIC_ID", "2a7d8da1-2f69-46e1-87a4-04490ab73c41",
            "MEDSYNC_TENANTS_ACME_EAST_NOVAMED_API_KEY_REF", "NOVAMED_KEY_ACME",
            "NEXHEALTH_KEY_ACME", "nexhealth-secret",
            "NOVAMED_KEY_ACME", "novamed-secret");

    @Test
    void withoutTheIdListedNoTenantIsFound() {
        assertThat(config(List.of()).getConfigMapping(TenantsConfig.class).tenants()).isEmpty();
    }

    @Test
    void aListedIdWithADashGetsEveryPropertyFromItsVariables() {
        SmallRyeConfig config = config(List.of("acme-east"));
        TenantsConfig.Tenant tenant = config.getConfigMapping(TenantsConfig.class).tenants().get("acme-east");

        assertThat(tenant).isNotNull();
        assertThat(tenant.novamed().clinicId()).isEqualTo("2a7d8da1-2f69-46e1-87a4-04490ab73c41");
        TenantsConfig.Location location = tenant.nexhealth().orElseThrow().locations().get("north-wing");
        assertThat(location.subdomain()).isEqualTo("acme-dental");
        assertThat(location.locationId()).isEqualTo(4321);
        assertThat(TenantRegistry.resolve(config.getConfigMapping(TenantsConfig.class), config).problems().lines())
                .isEmpty();
    }

    @Test
    void theVariableOfAPropertyIsItsNameWithUnderscores() {
        assertThat(ConfigProblems.envVar("medsync.tenants.acme-east.novamed.clinic-id"))
                .isEqualTo("MEDSYNC_TENANTS_ACME_EAST_NOVAMED_CLINIC_ID");
        assertThat(TenantEnvNames.propertyOf("DEFAULTS_PRACTICE_ADDRESS_ZIP_CODE"))
                .contains("defaults.practice-address.zip-code");
    }

    private static SmallRyeConfig config(List<String> tenantIds) {
        return new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(ENV, 300))
                .withSources(TenantEnvNames.source(tenantIds, ENV))
                .withMapping(TenantsConfig.class)
                .build();
    }
}
