package io.medsync.nextgen;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** NextGen settings shared by all tenants ({@code medsync.nextgen.*}). */
@ConfigMapping(prefix = "medsync.nextgen")
public interface NextGenSettings {

    /** Access tokens are renewed this long before they expire. */
    @WithDefault("PT2M")
    Duration tokenRefreshMargin();

    /** NextGen's rule: a refresh token must be used within 48 hours of issue, else the patient consents again. */
    @WithDefault("PT48H")
    Duration refreshTokenLifetime();

    /** Grants whose refresh token is older than the lifetime minus this are refreshed by the grant keeper. */
    @WithDefault("PT12H")
    Duration refreshAhead();

    /** How often the grant keeper looks for ageing refresh tokens. */
    @WithDefault("PT15M")
    Duration grantCheckInterval();

    /** How long a patient has between the enrol redirect and the callback. */
    @WithDefault("PT10M")
    Duration consentTimeout();

    /**
     * At most this many consent flows under way per tenant (each is a ledger row until its callback or expiry):
     * beyond it the public enrol link answers 503 instead of growing the ledger.
     */
    @WithDefault("2000")
    int maxPendingConsents();

    /** How often expired consent flows are deleted. */
    @WithDefault("PT1M")
    Duration consentSweepInterval();

    /** How the client authenticates at the token endpoint (NextGen does not say): basic or post (form fields). */
    @WithDefault("basic")
    String clientAuth();

    /** The next pull asks for what changed since the last run's start minus this (clock skew between servers). */
    @WithDefault("PT5M")
    Duration watermarkOverlap();
}
