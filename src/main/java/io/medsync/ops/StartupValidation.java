package io.medsync.ops;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import io.medsync.heidi.HeidiSettings;
import io.medsync.nexhealth.NexHealthSettings;
import io.medsync.novamed.NovaMedSettings;
import io.medsync.tenant.ConfigProblems;
import io.medsync.tenant.TenantRegistry;
import io.medsync.tenant.TenantsConfig;
import io.quarkus.flyway.FlywayConfigurationCustomizer;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * Checks the whole configuration before anything touches the ledger database or starts Camel, and reports every
 * problem in one message (property, what is wrong, environment variable), without a stack trace.
 * <p>
 * Why here: Quarkus migrates the ledger (Flyway, migrate-at-start) before Camel starts and before any start-up
 * bean runs; the first thing it does is build Flyway's configuration, which asks this customizer. Malformed values
 * (a UUID that is not one, a number that is not one) are refused even earlier by SmallRye Config, in one message
 * of their own.
 */
@ApplicationScoped
public class StartupValidation implements FlywayConfigurationCustomizer {

    private final ConfigProblems problems = new ConfigProblems();

    StartupValidation(TenantsConfig tenantsConfig, Config config, NexHealthSettings nexHealth, NovaMedSettings novaMed,
            HeidiSettings heidi, @ConfigProperty(name = "medsync.sandbox.enabled", defaultValue = "false") boolean sandbox) {
        TenantRegistry.Resolution tenants = TenantRegistry.resolve(tenantsConfig, config);
        problems.addAll(tenants.problems());
        if (ConfigUtils.getProfiles().contains("prod")) {
            problems.addAll(ProductionSafety.check(nexHealth, novaMed, heidi, tenants.tenants().values(), sandbox));
        }
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        problems.throwIfAny();
    }
}
