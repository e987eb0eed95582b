package io.medsync.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One cached bearer token per key (e.g. per API key), refreshed shortly before it expires. Concurrent callers
 * of the same key wait for one refresh instead of each authenticating (no thundering herd).
 */
public final class ExpiringTokenCache<K> {

    /** A token and the instant it stops being valid. */
    public record IssuedToken(String value, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedToken[expiresAt=" + expiresAt + "]";
        }
    }

    private final ConcurrentHashMap<K, Slot> slots = new ConcurrentHashMap<>();
    private final Duration refreshMargin;
    private final Clock clock;

    public ExpiringTokenCache(Duration refreshMargin, Clock clock) {
        this.refreshMargin = refreshMargin;
        this.clock = clock;
    }

    public String get(K key, Function<K, IssuedToken> issuer) {
        return issued(key, issuer).value();
    }

    /** As {@link #get}, with the instant the token expires (for callers that hand the token on). */
    public IssuedToken issued(K key, Function<K, IssuedToken> issuer) {
        Slot slot = slots.computeIfAbsent(key, k -> new Slot());
        synchronized (slot) {
            if (slot.token == null || !clock.instant().isBefore(slot.token.expiresAt().minus(refreshMargin))) {
                slot.token = issuer.apply(key);
            }
            return slot.token;
        }
    }

    /** Forgets {@code rejected} if it is still the cached token, so only the first 401 triggers a refresh. */
    public void invalidate(K key, String rejected) {
        Slot slot = slots.get(key);
        if (slot == null) {
            return;
        }
        synchronized (slot) {
            if (slot.token != null && slot.token.value().equals(rejected)) {
                slot.token = null;
            }
        }
    }

    private static final class Slot {
        private IssuedToken token;
    }
}
