package io.medsync.sandbox;

import java.net.URI;
import java.time.Instant;

/**
 * One webhook delivery attempt, kept for test assertions. {@code status} is the receiver's HTTP status, 0 when the
 * request failed without one (connection refused, timeout); {@code attempt} counts from 1 (the first try).
 */
public record WebhookDelivery(long endpointId, URI target, String event, long resourceId, int status, int attempt,
        Instant sentAt) {

    public boolean succeeded() {
        return status >= 200 && status < 300;
    }
}
