package io.medsync.http;

import java.time.Duration;
import java.util.Optional;

/** Reads how long a 429 asks us to wait; each API words it differently. */
@FunctionalInterface
public interface RateLimitHints {

    Optional<Duration> waitAfter(CallResult rateLimited);

    RateLimitHints NONE = r -> Optional.empty();
}
