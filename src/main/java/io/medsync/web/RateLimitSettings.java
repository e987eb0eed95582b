package io.medsync.web;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Rate limits of the public endpoints, per client address ({@code medsync.rate-limit.*}). */
@ConfigMapping(prefix = "medsync.rate-limit")
public interface RateLimitSettings {

    /** {@code GET /nextgen/enrol/{tenant}}: a patient starts a consent flow. */
    Limit enrol();

    /** {@code POST /webhooks/*}: the partners' deliveries (bursty during a backfill). */
    Limit webhooks();

    /** At most this many client addresses are tracked; beyond, newcomers share one bucket. */
    @WithDefault("10000")
    int maxClients();

    /**
     * Addresses of the reverse proxies / load balancers in front of the app, exactly as the connection shows them.
     * Only for requests from these is {@code X-Forwarded-For} read; empty (the default) never reads it.
     */
    Optional<List<String>> trustedProxies();

    interface Limit {

        /** Requests allowed per {@link #per()} from one address (also the burst). */
        int requests();

        Duration per();
    }
}
