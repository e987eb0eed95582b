package io.medsync.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Wall clock plus an offset that tests can move forward. Both simulators read time only from here, so token expiry,
 * rate-limit windows and {@code updated_at} stamps can be tested without waiting.
 */
public final class SandboxClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public SandboxClock() {
        this(Clock.systemUTC());
    }

    public SandboxClock(Clock base) {
        this.base = base;
    }

    /** Moves this clock forward; time never goes back, as the simulators assume monotonic windows. */
    public void advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("SandboxClock only moves forward");
        }
        offset.accumulateAndGet(amount, Duration::plus);
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone.normalized())) {
            return this;
        }
        throw new UnsupportedOperationException("SandboxClock is always UTC");
    }
}
