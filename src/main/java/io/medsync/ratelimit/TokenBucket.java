package io.medsync.ratelimit;

import java.time.Duration;
import java.time.Instant;

/**
 * One budget's state as stored in {@code rate_bucket}: the tokens left at {@code refilledAt} and, when the server
 * said the window is spent, the instant before which nothing may be sent. Pure arithmetic, no I/O.
 */
record TokenBucket(double tokens, Instant refilledAt, Instant blockedUntil) {

    /** Tolerance for floating-point refills, so a bucket refilled to 0.9999999999 counts as one token. */
    private static final double EPSILON = 1e-9;

    static TokenBucket full(double capacity, Instant now) {
        return new TokenBucket(capacity, now, null);
    }

    /**
     * Adds what accrued since {@code refilledAt}, capped at {@code capacity}. A clock behind the stored instant (another
     * replica's clock runs ahead) adds nothing and keeps the later instant, so time is never counted twice.
     */
    TokenBucket refilled(Instant now, double tokensPerSecond, double capacity) {
        if (!now.isAfter(refilledAt)) {
            return this;
        }
        double elapsedSeconds = Duration.between(refilledAt, now).toNanos() / 1e9;
        return new TokenBucket(Math.min(capacity, tokens + elapsedSeconds * tokensPerSecond), now, blockedUntil);
    }

    /** Zero when a request may be sent now, else how long until one may (on a refilled bucket). */
    Duration waitBeforeTaking(Instant now, double tokensPerSecond) {
        if (blocked(now)) {
            return Duration.between(now, blockedUntil);
        }
        if (tokens >= 1 - EPSILON) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((1 - tokens) / tokensPerSecond * 1e9));
    }

    boolean blocked(Instant now) {
        return blockedUntil != null && blockedUntil.isAfter(now);
    }

    TokenBucket takeOne() {
        return new TokenBucket(Math.max(0, tokens - 1), refilledAt, blockedUntil);
    }

    TokenBucket atMost(double limit) {
        return limit < tokens ? new TokenBucket(Math.max(0, limit), refilledAt, blockedUntil) : this;
    }

    /** Blocks until {@code until}, keeping a later block already in place. */
    TokenBucket blockedUntilAtLeast(Instant until) {
        Instant later = blockedUntil == null || until.isAfter(blockedUntil) ? until : blockedUntil;
        return new TokenBucket(tokens, refilledAt, later);
    }
}
