package io.medsync.http;

/**
 * What a caller allows for one kind of request.
 *
 * @param retryAmbiguous  resend after a 5xx or lost answer: true for reads and for creates the server deduplicates
 * @param hints           how to read the server's rate-limit reset
 * @param onUnauthorized  drops cached credentials before the single re-attempt after a 401 (may be a no-op)
 * @param onResponse      sees every answer the server gave (e.g. to adapt a rate budget to its headers)
 * @param waitWhenRateLimited wait out a 429 and try again; false returns the 429 at once, for callers with a person
 *                        waiting on the other end (the server's reset is then theirs to pass on)
 */
public record CallPolicy(boolean retryAmbiguous, RateLimitHints hints, Runnable onUnauthorized,
        java.util.function.Consumer<CallResult> onResponse, boolean waitWhenRateLimited) {

    public CallPolicy(boolean retryAmbiguous, RateLimitHints hints, Runnable onUnauthorized,
            java.util.function.Consumer<CallResult> onResponse) {
        this(retryAmbiguous, hints, onUnauthorized, onResponse, true);
    }

    public CallPolicy(boolean retryAmbiguous, RateLimitHints hints, Runnable onUnauthorized) {
        this(retryAmbiguous, hints, onUnauthorized, result -> {
        });
    }

    /** The same policy, answering a 429 at once instead of waiting for the server's reset. */
    public CallPolicy failFastWhenRateLimited() {
        return new CallPolicy(retryAmbiguous, hints, onUnauthorized, onResponse, false);
    }
}
