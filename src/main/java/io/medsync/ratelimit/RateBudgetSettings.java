package io.medsync.ratelimit;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The NovaMed request budget ({@code medsync.novamed.rate-limit.*}), shared by all replicas using one API key. */
@ConfigMapping(prefix = "medsync.novamed.rate-limit")
public interface RateBudgetSettings {

    /** Requests per minute per API key; 0 switches the budget off. NovaMed allows 60 in production, 100 in dev. */
    @WithDefault("60")
    @Min(0)
    int requestsPerMinute();

    /** Tokens the bucket may hold; 1 sends at an even pace and never bursts into a 429. */
    @WithDefault("1")
    @Min(1)
    int burst();

    /** The longest a waiting caller sleeps before it reads the shared bucket again (another replica may block it). */
    @WithDefault("PT1S")
    Duration recheckInterval();

    /** How long a 429 that names neither a reset nor a retry_after blocks the budget. */
    @WithDefault("PT60S")
    Duration blockWithoutHint();

    /** Upper bound on any block the server asks for, so a malformed reset cannot stop every replica for good. */
    @WithDefault("PT5M")
    Duration maxBlock();

    default boolean enabled() {
        return requestsPerMinute() > 0;
    }

    default double tokensPerSecond() {
        return requestsPerMinute() / 60.0;
    }
}
