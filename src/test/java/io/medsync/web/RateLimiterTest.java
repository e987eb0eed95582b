package io.medsync.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.medsync.testing.SettableClock;

/** The per-address buckets of the public endpoints, and which address a request is counted against. */
class RateLimiterTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T16:00:00Z"));

    @Test
    void aClientGetsItsBurstThenWaitsForTheRefill() {
        RateLimiter limiter = new RateLimiter(20, Duration.ofMinutes(1), 100, clock);
        int allowed = 0;
        long retryAfter = 0;
        for (int i = 0; i < 50; i++) {
            long answer = limiter.tryTake("198.51.100.1");
            if (answer == 0) {
                allowed++;
            } else {
                retryAfter = answer;
            }
        }
        assertThat(allowed).isEqualTo(20);
        // 20 a minute: one token every 3 s.
        assertThat(retryAfter).isEqualTo(3);
        assertThat(limiter.tryTake("198.51.100.2")).as("another address has its own bucket").isZero();

        clock.advance(Duration.ofSeconds(3));
        assertThat(limiter.tryTake("198.51.100.1")).isZero();
        assertThat(limiter.tryTake("198.51.100.1")).isPositive();
    }

    @Test
    void aFloodFromManyAddressesIsBoundedInMemoryAndSharesOneBucket() {
        RateLimiter limiter = new RateLimiter(5, Duration.ofMinutes(1), 100, clock);
        int allowed = 0;
        for (int i = 0; i < 10_000; i++) {
            if (limiter.tryTake("2001:db8::" + Integer.toHexString(i)) == 0) {
                allowed++;
            }
        }
        assertThat(limiter.clients()).isLessThanOrEqualTo(101);
        // 100 tracked addresses (busy: each spent a token) plus 5 from the shared overflow bucket.
        assertThat(allowed).isEqualTo(100 + 5);

        clock.advance(Duration.ofSeconds(60));
        assertThat(limiter.tryTake("2001:db8::ffff:1")).as("idle buckets make room again").isZero();
        assertThat(limiter.clients()).isLessThanOrEqualTo(2);
    }

    @Test
    void forwardedForIsBelievedOnlyFromATrustedProxyAndOnlyItsRightMostUntrustedHop() {
        Set<String> proxies = Set.of("10.0.0.10");
        assertThat(ClientAddress.of("203.0.113.9", "198.51.100.1", proxies))
                .as("a client cannot choose its address by sending the header itself").isEqualTo("203.0.113.9");
        assertThat(ClientAddress.of("203.0.113.9", "198.51.100.1", Set.of())).isEqualTo("203.0.113.9");
        assertThat(ClientAddress.of("10.0.0.10", "198.51.100.1", proxies)).isEqualTo("198.51.100.1");
        assertThat(ClientAddress.of("10.0.0.10", "1.2.3.4, 198.51.100.1", proxies))
                .as("entries left of the proxy's own are the client's words").isEqualTo("198.51.100.1");
        assertThat(ClientAddress.of("10.0.0.10", "198.51.100.1, 10.0.0.10", proxies)).isEqualTo("198.51.100.1");
        assertThat(ClientAddress.of("10.0.0.10", null, proxies)).isEqualTo("10.0.0.10");
        assertThat(ClientAddress.of("10.0.0.10", "x".repeat(500), proxies)).isEqualTo("invalid");
    }
}
