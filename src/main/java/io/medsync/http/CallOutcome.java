package io.medsync.http;

/** How an outbound HTTP exchange ended, which decides what the caller may do next. */
public enum CallOutcome {
    SUCCESS,
    /** 429: wait for the reset the server names; not a failure. */
    RATE_LIMITED,
    /** 401: refresh credentials once. */
    UNAUTHORIZED,
    /** Any other 4xx: the server refused the request; retrying the same request cannot help. */
    REJECTED,
    /** 5xx: the request may or may not have taken effect. */
    SERVER_ERROR,
    /** Timeout or a connection lost after the request was sent: may or may not have taken effect. */
    AMBIGUOUS_IO,
    /** Nothing reached the server (refused, DNS): always safe to retry. */
    CONNECTION_FAILED;

    /** True when the server may have acted on a request whose answer we did not get. */
    public boolean ambiguous() {
        return this == SERVER_ERROR || this == AMBIGUOUS_IO;
    }
}
