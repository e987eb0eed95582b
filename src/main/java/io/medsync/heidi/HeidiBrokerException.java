package io.medsync.heidi;

import java.time.Duration;
import java.util.Optional;

import jakarta.ws.rs.core.Response;

/**
 * Why the broker could not answer, as the EHR front end should see it: our HTTP status, a stable error code and a
 * message that names ids and statuses only (never a key, a token or an email).
 */
public class HeidiBrokerException extends RuntimeException {

    private final Response.Status status;
    private final String error;
    private final Duration retryAfter;

    public HeidiBrokerException(Response.Status status, String error, String message) {
        this(status, error, message, null);
    }

    public HeidiBrokerException(Response.Status status, String error, String message, Duration retryAfter) {
        super(message);
        this.status = status;
        this.error = error;
        this.retryAfter = retryAfter;
    }

    public Response.Status status() {
        return status;
    }

    public String error() {
        return error;
    }

    /** When the caller may try again (a {@code Retry-After} for them), if we know. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
