package io.medsync.heidi;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import io.medsync.tenant.TenantsConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Heidi Health token broker ({@code medsync.heidi.*}). Heidi issues one API key per region (AU, US, EU, UK...);
 * each region names the variable holding its key, never the key. Constraint violations stop start-up.
 */
@ConfigMapping(prefix = "medsync.heidi")
public interface HeidiSettings {

    String URL = "https?://[^\\s/]+(:\\d+)?(/\\S*)?";

    /** The only host Heidi documents; whether it changes per region is unknown, hence the per-region override. */
    @WithDefault("https://registrar.api.heidihealth.com/api/v2/ml-scribe/open-api")
    @Pattern(regexp = URL, message = "must be an http(s) URL")
    String baseUrl();

    /** Region name (e.g. AU) → its key reference; case does not matter in requests. */
    Map<String, @Valid Region> regions();

    /** Tokens are renewed this long before Heidi's {@code expiration_time}, so a widget never gets a dying one. */
    @WithDefault("PT2M")
    Duration tokenRefreshMargin();

    /**
     * Bearer token of EHR front ends calling {@code /heidi/*}, kept apart from the ops token so a front end never
     * holds ops rights. The ops token is accepted too.
     */
    Optional<String> frontendToken();

    interface Region {
        @Pattern(regexp = TenantsConfig.KEY_REF,
                message = "must name a property or environment variable holding the API key")
        String apiKeyRef();

        /** Overrides {@code medsync.heidi.base-url} for this region. */
        Optional<@Pattern(regexp = URL, message = "must be an http(s) URL") String> baseUrl();
    }
}
