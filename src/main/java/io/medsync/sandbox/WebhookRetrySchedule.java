package io.medsync.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * NexHealth's webhook retry schedule: after a failed first delivery it retries at cumulative 30 s, 1.5 m, 3.5 m,
 * 10 m, 30 m, 2 h, 5 h, 10 h, 24 h and 48 h (contracts README 2.8), then deactivates the endpoint. {@code scale}
 * compresses it (1.0 = real time; 0.001 turns 48 h into under 3 minutes).
 */
final class WebhookRetrySchedule {

    static final List<Duration> CUMULATIVE = List.of(Duration.ofSeconds(30), Duration.ofSeconds(90),
            Duration.ofSeconds(210), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(2),
            Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(24), Duration.ofHours(48));

    /** The first try plus one per retry. */
    static final int MAX_ATTEMPTS = CUMULATIVE.size() + 1;

    private final double scale;

    WebhookRetrySchedule(double scale) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale must be positive");
        }
        this.scale = scale;
    }

    /** Scaled time from the first attempt to {@code attempt} (2..MAX_ATTEMPTS). */
    Duration offsetOf(int attempt) {
        return scaled(CUMULATIVE.get(attempt - 2));
    }

    /** How long to wait after failed {@code attempt} before the next one; empty when it was the last. */
    Optional<Duration> delayAfter(int attempt) {
        if (attempt >= MAX_ATTEMPTS) {
            return Optional.empty();
        }
        Duration previous = attempt == 1 ? Duration.ZERO : offsetOf(attempt);
        return Optional.of(offsetOf(attempt + 1).minus(previous));
    }

    private Duration scaled(Duration d) {
        return Duration.ofNanos(Math.round(d.toNanos() * scale));
    }
}
