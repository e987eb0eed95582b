package io.medsync.ratelimit;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.medsync.sandbox.SandboxClock;

/** Makes a {@link SandboxClock} run {@code speed} times faster than the wall clock while open. */
final class TimeLapse implements AutoCloseable {

    private static final long TICK_MILLIS = 20;

    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();

    private TimeLapse(SandboxClock clock, int speed) {
        Duration extra = Duration.ofMillis(TICK_MILLIS * (speed - 1));
        ticker.scheduleAtFixedRate(() -> clock.advance(extra), TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    static TimeLapse start(SandboxClock clock, int speed) {
        return new TimeLapse(clock, speed);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
