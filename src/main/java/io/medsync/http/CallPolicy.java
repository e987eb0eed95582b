package io.medsync.http;

/**
 * What a caller allows for one kind of request.
 *
 * @param retryAmbiguous  resend after a 5xx or lost answer: true for reads and for creates the server deduplicates
 * @param hints           how to read the server's rate-limit reset
 * @param onUnauthorized  drops cached credentials before the single re-attempt after a 401 (may be a no-op)
 * @param onResponse      sees every answer the server gave (e.g. to adapt a rate budget to its headers)
 */
public record CallPolicy(boolean retryAmbiguous, RateLimitHints hints, Runnable onUnauthorized,
        java.util.function.Consumer<CallResult> onResponse) {

    public CallPolicy(boolean retryAmbiguous, RateLimitHints hints, Runnable onUnauthorized) {
        this(retryAmbiguous, hints, onUnauthorized, result -> {
        });
    }
}
