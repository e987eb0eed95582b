package io.medsync.sandbox;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-key request counter over fixed windows (one minute, as NovaMed documents; tests may shorten it to compress
 * time) aligned to the clock. A limit of 0 or less switches limiting off.
 */
public final class FixedWindowRateLimiter {

    /** Outcome of one request: whether it may proceed, and the numbers for rate-limit headers. */
    public record Decision(boolean allowed, int limit, int remaining, long resetEpochSecond, long retryAfterSeconds) {
    }

    private record Window(long startEpochSecond, int count) {
    }

    private final Clock clock;
    private final Map<String, Window> windows = new HashMap<>();
    private volatile int limitPerMinute;
    private volatile long windowSeconds = 60;

    public FixedWindowRateLimiter(Clock clock, int limitPerMinute) {
        this.clock = clock;
        this.limitPerMinute = limitPerMinute;
    }

    public boolean enabled() {
        return limitPerMinute > 0;
    }

    public int limitPerMinute() {
        return limitPerMinute;
    }

    /** Changes the limit and forgets all counts, so a test starts from a fresh window. */
    public synchronized void setLimitPerMinute(int limitPerMinute) {
        setLimit(limitPerMinute, 60);
    }

    /** A limit per window of the given length (seconds); forgets all counts. */
    public synchronized void setLimit(int limitPerWindow, long windowSeconds) {
        this.limitPerMinute = limitPerWindow;
        this.windowSeconds = Math.max(1, windowSeconds);
        windows.clear();
    }

    /** Counts one request for {@code key}; a rejected request does not count towards the window. */
    public synchronized Decision acquire(String key) {
        int limit = limitPerMinute;
        long now = clock.instant().getEpochSecond();
        long length = windowSeconds;
        long windowStart = now - Math.floorMod(now, length);
        long reset = windowStart + length;
        if (limit <= 0) {
            return new Decision(true, 0, 0, reset, 0);
        }
        Window window = windows.get(key);
        if (window == null || window.startEpochSecond() != windowStart) {
            window = new Window(windowStart, 0);
        }
        if (window.count() >= limit) {
            windows.put(key, window);
            return new Decision(false, limit, 0, reset, Math.max(1, reset - now));
        }
        window = new Window(windowStart, window.count() + 1);
        windows.put(key, window);
        return new Decision(true, limit, limit - window.count(), reset, 0);
    }
}
