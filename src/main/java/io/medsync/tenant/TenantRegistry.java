package io.medsync.tenant;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;
import org.quartz.CronExpression;

import io.medsync.mapping.MappingDefaults;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Resolves and checks every tenant once, at start-up, so that a bad value stops the process with a message
 * naming the property instead of failing a sync hours later.
 */
@Startup
@ApplicationScoped
public class TenantRegistry {

    private final Map<String, Tenant> tenants;

    TenantRegistry(TenantsConfig config, Config rawConfig) {
        if (config.tenants().isEmpty()) {
            throw new ConfigurationException(
                    "medsync.tenants: no tenant is configured; define at least medsync.tenants.<id>.nexhealth.locations.<alias>.subdomain and the other tenant properties");
        }
        Map<String, Tenant> resolved = new LinkedHashMap<>();
        config.tenants().forEach((id, t) -> resolved.put(id, resolve(id, t, rawConfig)));
        this.tenants = Collections.unmodifiableMap(resolved);
    }

    public Tenant get(String tenantId) {
        Tenant tenant = tenants.get(tenantId);
        if (tenant == null) {
            throw new UnknownTenantException(tenantId);
        }
        return tenant;
    }

    public Collection<Tenant> all() {
        return tenants.values();
    }

    private static Tenant resolve(String id, TenantsConfig.Tenant t, Config rawConfig) {
        String prefix = "medsync.tenants." + id;
        if (!id.matches("[a-z0-9][a-z0-9\\-]{0,62}")) {
            throw new ConfigurationException(prefix + ": tenant id must be lowercase letters, digits and dashes (at most 63)");
        }
        String cron = t.schedule().nexhealthSync().trim();
        if (!"off".equals(cron) && !CronExpression.isValidExpression(cron)) {
            throw new ConfigurationException(prefix + ".schedule.nexhealth-sync: not a valid Quartz cron expression (or 'off')");
        }
        TenantsConfig.Defaults d = t.defaults();
        MappingDefaults.PracticeAddress practiceAddress = d.practiceAddress()
                .map(a -> new MappingDefaults.PracticeAddress(a.line1(), a.line2().orElse(null), a.city(), a.stateCode(), a.zipCode()))
                .orElse(null);
        String species = "none".equals(d.species()) ? null : d.species();
        if (t.nexhealth().locations().isEmpty()) {
            throw new ConfigurationException(prefix + ".nexhealth.locations: at least one location is required, e.g. "
                    + prefix + ".nexhealth.locations.main.subdomain and ...location-id");
        }
        List<NexHealthLocation> locations = t.nexhealth().locations().entrySet().stream()
                .map(e -> new NexHealthLocation(e.getKey(), e.getValue().subdomain(), e.getValue().locationId()))
                .sorted(java.util.Comparator.comparing(NexHealthLocation::alias))
                .toList();
        return new Tenant(
                id,
                locations,
                KeyRefs.resolve(rawConfig, prefix + ".nexhealth.api-key-ref", t.nexhealth().apiKeyRef()),
                t.novamed().clinicId(),
                KeyRefs.resolve(rawConfig, prefix + ".novamed.api-key-ref", t.novamed().apiKeyRef()),
                d.fallbackPractitionerId(),
                new MappingDefaults(t.novamed().clinicId(), d.veterinarian(), species, practiceAddress),
                cron,
                "appointment-patients".equals(t.sync().scope()) ? Tenant.SyncScope.APPOINTMENT_PATIENTS
                        : Tenant.SyncScope.ALL_PATIENTS,
                t.sync().appointmentsPast(),
                t.sync().appointmentsAhead());
    }
}
