package io.medsync.web;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per client: {@code requests} per {@code per}, refilled continuously, a full bucket's worth as a
 * burst. Memory is bounded: past {@code maxClients} buckets, idle (full) ones are dropped, and if every bucket is
 * busy the newcomers share one overflow bucket, so a flood from many addresses is limited as one client.
 */
final class RateLimiter {

    static final String OVERFLOW = "*";
    private static final long SWEEP_EVERY_MILLIS = 1000;

    private final double capacity;
    private final double perMilli;
    private final int maxClients;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile long sweptAt = Long.MIN_VALUE / 2;

    RateLimiter(int requests, Duration per, int maxClients, Clock clock) {
        if (requests < 1 || per.isNegative() || per.isZero()) {
            throw new IllegalArgumentException("a rate limit needs at least 1 request per positive duration");
        }
        this.capacity = requests;
        this.perMilli = requests / (double) per.toMillis();
        this.maxClients = maxClients;
        this.clock = clock;
    }

    /** 0 when {@code client} may go ahead (one token taken), else the seconds until it may try again (≥ 1). */
    long tryTake(String client) {
        long now = clock.millis();
        Bucket bucket = buckets.get(client);
        if (bucket == null) {
            if (buckets.size() >= maxClients && now - sweptAt >= SWEEP_EVERY_MILLIS) {
                // At most once a second: under a flood from many addresses, not a full scan per request.
                sweptAt = now;
                buckets.values().removeIf(b -> b.idle(now));
            }
            bucket = buckets.size() >= maxClients
                    ? buckets.computeIfAbsent(OVERFLOW, k -> new Bucket(now))
                    : buckets.computeIfAbsent(client, k -> new Bucket(now));
        }
        return bucket.take(now);
    }

    int clients() {
        return buckets.size();
    }

    private final class Bucket {

        private double tokens = capacity;
        private long refilledAt;

        Bucket(long now) {
            refilledAt = now;
        }

        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perMilli / 1000));
        }

        synchronized boolean idle(long now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(long now) {
            tokens = Math.min(capacity, tokens + Math.max(0, now - refilledAt) * perMilli);
            refilledAt = now;
        }
    }
}
