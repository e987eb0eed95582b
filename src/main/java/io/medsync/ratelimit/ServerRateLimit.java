package io.medsync.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import io.medsync.http.ResponseHeaders;

/**
 * What one NovaMed response says about the server's window for our API key: {@code X-RateLimit-Remaining},
 * {@code X-RateLimit-Reset} (epoch seconds) and, on a 429, the body's {@code retry_after}. Unparsable values count
 * as absent.
 */
record ServerRateLimit(boolean rejected, OptionalLong remaining, Optional<Instant> reset, Optional<Duration> retryAfter) {

    static final String REMAINING = "X-RateLimit-Remaining";
    static final String RESET = "X-RateLimit-Reset";

    static ServerRateLimit of(int status, ResponseHeaders headers, Duration retryAfterFromBody) {
        OptionalLong remaining = longHeader(headers, REMAINING);
        OptionalLong reset = longHeader(headers, RESET);
        return new ServerRateLimit(status == 429, remaining,
                reset.isPresent() ? Optional.of(Instant.ofEpochSecond(reset.getAsLong())) : Optional.empty(),
                Optional.ofNullable(retryAfterFromBody).filter(d -> !d.isNegative()));
    }

    /** The server refused this request or said the window has no request left. */
    boolean windowSpent() {
        return rejected || (remaining.isPresent() && remaining.getAsLong() <= 0);
    }

    /** Whether this response tells the budget anything. */
    boolean informative() {
        return windowSpent() || remaining.isPresent();
    }

    /** The later of the reset and now + retry_after, whichever are given. */
    Optional<Instant> windowEnd(Instant now) {
        Optional<Instant> afterRetry = retryAfter.map(now::plus);
        if (reset.isPresent() && afterRetry.isPresent()) {
            return Optional.of(reset.get().isAfter(afterRetry.get()) ? reset.get() : afterRetry.get());
        }
        return reset.isPresent() ? reset : afterRetry;
    }

    private static OptionalLong longHeader(ResponseHeaders headers, String name) {
        if (headers == null) {
            return OptionalLong.empty();
        }
        try {
            return headers.firstValueAsLong(name);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
