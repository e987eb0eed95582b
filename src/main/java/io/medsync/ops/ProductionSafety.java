package io.medsync.ops;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.medsync.heidi.HeidiSettings;
import io.medsync.nexhealth.NexHealthSettings;
import io.medsync.novamed.NovaMedSettings;
import io.medsync.tenant.ConfigProblems;
import io.medsync.tenant.Tenant;
import io.medsync.tenant.TenantRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * In the prod profile, refuse what is only acceptable on a laptop: plain-HTTP API endpoints (keys and PHI would
 * cross the network in clear) and the sandbox simulators (only a {@code -Pdemo} build has them: the production artifact
 * holds no simulator, but a demo-built jar started in the prod profile must not start them).
 */
@Startup
@ApplicationScoped
public class ProductionSafety {

    ProductionSafety(NexHealthSettings nexHealth, NovaMedSettings novaMed, HeidiSettings heidi, TenantRegistry tenants,
            @ConfigProperty(name = "medsync.sandbox.enabled", defaultValue = "false") boolean sandboxEnabled) {
        if (ConfigUtils.getProfiles().contains("prod")) {
            check(nexHealth, novaMed, heidi, tenants.all(), sandboxEnabled).throwIfAny();
        }
    }

    /** What the prod profile refuses, every problem gathered. */
    static ConfigProblems check(NexHealthSettings nexHealth, NovaMedSettings novaMed, HeidiSettings heidi,
            Collection<Tenant> tenants, boolean sandboxEnabled) {
        ConfigProblems problems = new ConfigProblems();
        requireHttps(problems, "medsync.nexhealth.base-url", nexHealth.baseUrl());
        requireHttps(problems, "medsync.novamed.base-url", novaMed.baseUrl());
        requireHttps(problems, "medsync.heidi.base-url", heidi.baseUrl());
        heidi.regions().forEach((region, settings) -> settings.baseUrl()
                .ifPresent(url -> requireHttps(problems, "medsync.heidi.regions." + region + ".base-url", url)));
        for (Tenant tenant : tenants) {
            String prefix = "medsync.tenants." + tenant.id() + ".nextgen.";
            tenant.nextGen().ifPresent(source -> {
                requireHttps(problems, prefix + "fhir-base-url", source.fhirBaseUrl());
                source.oauth().ifPresent(oauth -> {
                    requireHttps(problems, prefix + "token-url", oauth.tokenUrl());
                    if (oauth.authorizeUrl() != null) {
                        requireHttps(problems, prefix + "authorize-url", oauth.authorizeUrl());
                        requireHttps(problems, prefix + "redirect-uri", oauth.redirectUri());
                    }
                });
            });
        }
        // NovaMed delivers webhooks over HTTPS only; and a registered URL whose deliveries we all refuse (no secret)
        // would have NovaMed retry every event for an hour and then drop it.
        novaMed.webhook().url().filter(url -> !url.isBlank()).ifPresent(url -> {
            requireHttps(problems, "medsync.novamed.webhook.url", url);
            if (novaMed.webhook().secret().filter(secret -> !secret.isBlank()).isEmpty()) {
                problems.add("medsync.novamed.webhook.secret (MEDSYNC_NOVAMED_WEBHOOK_SECRET) must"
                        + " be set when medsync.novamed.webhook.url is");
            }
        });
        if (sandboxEnabled) {
            problems.add("medsync.sandbox.enabled must be false in the prod profile");
        }
        return problems;
    }

    private static void requireHttps(ConfigProblems problems, String property, String url) {
        if (!url.startsWith("https://")) {
            problems.add(property + " must be an https:// URL in the prod profile");
        }
    }
}
