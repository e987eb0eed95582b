package io.medsync.ops;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.medsync.heidi.HeidiSettings;
import io.medsync.nexhealth.NexHealthSettings;
import io.medsync.novamed.NovaMedSettings;
import io.medsync.tenant.Tenant;
import io.medsync.tenant.TenantRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.quarkus.runtime.configuration.ConfigurationException;

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
        if (!ConfigUtils.getProfiles().contains("prod")) {
            return;
        }
        requireHttps("medsync.nexhealth.base-url", nexHealth.baseUrl());
        requireHttps("medsync.novamed.base-url", novaMed.baseUrl());
        requireHttps("medsync.heidi.base-url", heidi.baseUrl());
        heidi.regions().forEach((region, settings) -> settings.baseUrl()
                .ifPresent(url -> requireHttps("medsync.heidi.regions." + region + ".base-url", url)));
        for (Tenant tenant : tenants.all()) {
            String prefix = "medsync.tenants." + tenant.id() + ".nextgen.";
            tenant.nextGen().ifPresent(source -> {
                requireHttps(prefix + "fhir-base-url", source.fhirBaseUrl());
                source.oauth().ifPresent(oauth -> {
                    requireHttps(prefix + "token-url", oauth.tokenUrl());
                    if (oauth.authorizeUrl() != null) {
                        requireHttps(prefix + "authorize-url", oauth.authorizeUrl());
                        requireHttps(prefix + "redirect-uri", oauth.redirectUri());
                    }
                });
            });
        }
        // NovaMed delivers webhooks over HTTPS only; and a registered URL whose deliveries we all refuse (no secret)
        // would have NovaMed retry every event for an hour and then drop it.
        novaMed.webhook().url().filter(url -> !url.isBlank()).ifPresent(url -> {
            requireHttps("medsync.novamed.webhook.url", url);
            if (novaMed.webhook().secret().filter(secret -> !secret.isBlank()).isEmpty()) {
                throw new ConfigurationException("medsync.novamed.webhook.secret (MEDSYNC_NOVAMED_WEBHOOK_SECRET) must"
                        + " be set when medsync.novamed.webhook.url is");
            }
        });
        if (sandboxEnabled) {
            throw new ConfigurationException("medsync.sandbox.enabled must be false in the prod profile");
        }
    }

    private static void requireHttps(String property, String url) {
        if (!url.startsWith("https://")) {
            throw new ConfigurationException(property + " must be an https:// URL in the prod profile");
        }
    }
}
