package io.medsync.http;

/**
 * What a caller allows for one kind of request.
 *
 * @param retryAmbiguous  resend after a 5xx or lost answer: true for reads and for creates the server deduplicates
 * @param hints           how to read the server's rate-limit reset
 * @param onUnauthorized  drops cached credentials before the single re-attempt after a 401 (may be a no-op)
 */
public record CallPolicy(boolean retryAmbiguous, RateLimitHints hints, Runnable onUnauthorized) {
}
