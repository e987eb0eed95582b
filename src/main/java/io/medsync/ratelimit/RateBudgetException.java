package io.medsync.ratelimit;

/** The shared budget could not be read or updated, or a waiting caller was interrupted. Names budget keys only. */
public class RateBudgetException extends RuntimeException {

    public RateBudgetException(String message, Throwable cause) {
        super(message, cause);
    }
}
