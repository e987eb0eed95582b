package io.medsync.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A vendor's webhook retry schedule: the times, counted from the first delivery attempt, of each retry after a
 * failure; after the last one the vendor gives up. {@code scale} compresses it (1.0 = real time; 0.001 turns 48 h
 * into under 3 minutes).
 */
final class WebhookRetrySchedule {

    /**
     * NexHealth: retries at cumulative 30 s, 1.5 m, 3.5 m, 10 m, 30 m, 2 h, 5 h, 10 h, 24 h and 48 h (contracts
     * README 2.8), then deactivates the endpoint.
     */
    static final List<Duration> NEXHEALTH = List.of(Duration.ofSeconds(30), Duration.ofSeconds(90),
            Duration.ofSeconds(210), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(2),
            Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(24), Duration.ofHours(48));

    /**
     * NovaMed: "immediate, 1 min, 5 min, 15 min, 1 h; failed after 5 attempts" (contracts README 1.8). Read as the
     * times of the five attempts from the first one; whether they are cumulative or gaps is not documented [U].
     */
    static final List<Duration> NOVAMED = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofHours(1));

    private final List<Duration> cumulative;
    private final double scale;

    /** NexHealth's schedule. */
    WebhookRetrySchedule(double scale) {
        this(NEXHEALTH, scale);
    }

    WebhookRetrySchedule(List<Duration> cumulative, double scale) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale must be positive");
        }
        this.cumulative = List.copyOf(cumulative);
        this.scale = scale;
    }

    /** The first try plus one per retry. */
    int maxAttempts() {
        return cumulative.size() + 1;
    }

    /** Scaled time from the first attempt to {@code attempt} (2..maxAttempts()). */
    Duration offsetOf(int attempt) {
        return scaled(cumulative.get(attempt - 2));
    }

    /** How long to wait after failed {@code attempt} before the next one; empty when it was the last. */
    Optional<Duration> delayAfter(int attempt) {
        if (attempt >= maxAttempts()) {
            return Optional.empty();
        }
        Duration previous = attempt == 1 ? Duration.ZERO : offsetOf(attempt);
        return Optional.of(offsetOf(attempt + 1).minus(previous));
    }

    private Duration scaled(Duration d) {
        return Duration.ofNanos(Math.round(d.toNanos() * scale));
    }
}
