package io.medsync.http;

import java.time.Duration;
import java.util.Optional;

/** Reads how long a 429 asks us to wait; each API words it differently. */
@FunctionalInterface
public interface RateLimitHints {

    Optional<Duration> waitAfter(CallResult rateLimited);

    RateLimitHints NONE = r -> Optional.empty();

    /** The standard {@code Retry-After} header in seconds (HTTP dates are not read), for APIs naming nothing else. */
    RateLimitHints RETRY_AFTER_SECONDS = r -> r.headers() == null ? Optional.empty()
            : r.headers().firstValue("Retry-After").filter(v -> v.trim().matches("\\d{1,9}"))
                    .map(v -> Duration.ofSeconds(Long.parseLong(v.trim())));
}
