package io.medsync.http;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Timeouts and retry bounds shared by every outbound connector ({@code medsync.http.*}). */
@ConfigMapping(prefix = "medsync.http")
public interface HttpSettings {

    @WithDefault("PT5S")
    Duration connectTimeout();

    @WithDefault("PT30S")
    Duration requestTimeout();

    /** Attempts per request for failures that count (5xx, lost answers, refused connections). */
    @WithDefault("4")
    int maxAttempts();

    @WithDefault("PT0.5S")
    Duration initialBackoff();

    @WithDefault("PT30S")
    Duration maxBackoff();

    /** A 429 is not a failure, but a request gives up after this many rate-limit waits. */
    @WithDefault("10")
    int maxRateLimitWaits();

    /** Used when a 429 names no reset; also the cap on what a server may ask for. */
    @WithDefault("PT10S")
    Duration defaultRateLimitWait();

    @WithDefault("PT2M")
    Duration maxRateLimitWait();

    /** The size of each partner's connection pool (one Camel HTTP component per partner). */
    @WithDefault("20")
    int connectionsPerPartner();
}
