package io.medsync.tenant;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;
import org.quartz.CronExpression;

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
        Resolution resolution = resolve(config, rawConfig);
        resolution.problems().throwIfAny();
        this.tenants = resolution.tenants();
    }

    /** The tenants that resolved, and every problem of those that did not. */
    public record Resolution(Map<String, Tenant> tenants, ConfigProblems problems) {
    }

    /** Resolves and checks every tenant, gathering all problems instead of stopping at the first. */
    public static Resolution resolve(TenantsConfig config, Config rawConfig) {
        ConfigProblems problems = new ConfigProblems();
        if (config.tenants().isEmpty()) {
            problems.add("medsync.tenants: no tenant is configured; define at least a source (medsync.tenants.<id>.nexhealth.* or .nextgen.*) and medsync.tenants.<id>.novamed.*"
                    + " (a tenant id with a dash set from environment variables must be listed in medsync.tenant-ids)");
            return new Resolution(Map.of(), problems);
        }
        Map<String, Tenant> resolved = new LinkedHashMap<>();
        config.tenants().forEach((id, t) -> {
            if (t.enabled()) {
                ConfigProblems ofTenant = new ConfigProblems();
                Tenant tenant = resolve(id, t, rawConfig, ofTenant);
                if (ofTenant.isEmpty()) {
                    resolved.put(id, tenant);
                }
                problems.addAll(ofTenant);
            }
        });
        if (resolved.isEmpty() && problems.isEmpty()) {
            problems.add("medsync.tenants: every configured tenant is disabled (enabled=false)");
        }
        return new Resolution(Collections.unmodifiableMap(resolved), problems);
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

    /** One tenant; null, with its problems in {@code problems}, when it has any. */
    private static Tenant resolve(String id, TenantsConfig.Tenant t, Config rawConfig, ConfigProblems problems) {
        String prefix = "medsync.tenants." + id;
        if (!id.matches("[a-z0-9][a-z0-9\\-]{0,62}")) {
            problems.add(prefix + ": tenant id must be lowercase letters, digits and dashes (at most 63)");
        }
        String cron = t.schedule().nexhealthSync().trim();
        if (!"off".equals(cron) && !CronExpression.isValidExpression(cron)) {
            problems.add(prefix + ".schedule.nexhealth-sync: not a valid Quartz cron expression (or 'off')");
        }
        TenantsConfig.Defaults d = t.defaults();
        MappingDefaults.PracticeAddress practiceAddress = d.practiceAddress()
                .map(a -> new MappingDefaults.PracticeAddress(a.line1(), a.line2().orElse(null), a.city(), a.stateCode(), a.zipCode()))
                .orElse(null);
        String species = "none".equals(d.species()) ? null : d.species();
        if (t.nexhealth().isEmpty() && t.nextgen().isEmpty()) {
            problems.add(prefix + ": a tenant needs a source: " + prefix
                    + ".nexhealth.* and/or " + prefix + ".nextgen.*");
        }
        List<NexHealthLocation> locations = List.of();
        String nexHealthKey = null;
        if (t.nexhealth().isPresent()) {
            TenantsConfig.NexHealth nexHealth = t.nexhealth().get();
            if (nexHealth.locations().isEmpty()) {
                problems.add(prefix + ".nexhealth.locations: at least one location is required, e.g. "
                        + prefix + ".nexhealth.locations.main.subdomain and ...location-id");
            }
            locations = nexHealth.locations().entrySet().stream()
                    .map(e -> new NexHealthLocation(e.getKey(), e.getValue().subdomain(), e.getValue().locationId()))
                    .sorted(java.util.Comparator.comparing(NexHealthLocation::alias))
                    .toList();
            nexHealthKey = secret(problems, rawConfig, prefix + ".nexhealth.api-key-ref", nexHealth.apiKeyRef());
        }
        String nextGenCron = t.schedule().nextgenSync().trim();
        if (!"off".equals(nextGenCron) && !CronExpression.isValidExpression(nextGenCron)) {
            problems.add(prefix + ".schedule.nextgen-sync: not a valid Quartz cron expression (or 'off')");
        }
        Optional<NextGenSource> nextGen = Optional.empty();
        try {
            nextGen = t.nextgen().map(n -> NextGenSources.resolve(prefix + ".nextgen", n, nextGenCron,
                    ref -> KeyRefs.resolve(rawConfig, prefix + ".nextgen.client-secret-ref", ref)));
        } catch (ConfigurationException e) {
            problems.add(e.getMessage());
        }
        Optional<MedicationOrderDefaults> orderDefaults = Optional.empty();
        if (d.carrierId().isPresent() && d.serviceId().isPresent()) {
            orderDefaults = Optional.of(new MedicationOrderDefaults(t.novamed().clinicId(), d.carrierId().get(),
                    d.serviceId().get(), d.refrigerated()));
        } else if (t.nextgen().isPresent()) {
            problems.add(prefix + ".defaults.carrier-id and " + prefix
                    + ".defaults.service-id are required with a NextGen source: NovaMed medication orders need them"
                    + " (ids from NovaMed's GET /api/external/carriers and .../services)");
        }
        String novaMedKey = secret(problems, rawConfig, prefix + ".novamed.api-key-ref", t.novamed().apiKeyRef());
        if (!problems.isEmpty()) {
            return null;
        }
        return new Tenant(
                id,
                locations,
                nexHealthKey,
                t.novamed().clinicId(),
                novaMedKey,
                d.fallbackPractitionerId(),
                new MappingDefaults(t.novamed().clinicId(), d.veterinarian(), species, practiceAddress),
                cron,
                "appointment-patients".equals(t.sync().scope()) ? Tenant.SyncScope.APPOINTMENT_PATIENTS
                        : Tenant.SyncScope.ALL_PATIENTS,
                t.sync().appointmentsPast(),
                t.sync().appointmentsAhead(),
                nextGen,
                orderDefaults);
    }

    /** The secret a key reference names; null, with the problem recorded, when nothing is set under it. */
    private static String secret(ConfigProblems problems, Config rawConfig, String refProperty, String ref) {
        try {
            return KeyRefs.resolve(rawConfig, refProperty, ref);
        } catch (ConfigurationException e) {
            problems.add(e.getMessage());
            return null;
        }
    }
}
