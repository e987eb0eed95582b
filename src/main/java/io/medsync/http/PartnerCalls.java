package io.medsync.http;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the latest calls to each partner (nexhealth, novamed, nextgen, heidi) tell about its reachability, fed by
 * {@link OutboundCaller}: a health check reads this instead of probing partners on every health request. An
 * answer the partner gave (2xx, 4xx, 429) counts as reachable; 5xx, timeouts and refused connections do not.
 */
@ApplicationScoped
public class PartnerCalls {

    /** @param consecutiveFailures unreachable answers since the last reachable one */
    public record Reachability(Instant lastReachable, Instant lastUnreachable, int consecutiveFailures) {
    }

    private final Map<String, Reachability> partners = new ConcurrentHashMap<>();

    public void record(String partner, CallOutcome outcome) {
        boolean reachable = outcome != CallOutcome.SERVER_ERROR && outcome != CallOutcome.AMBIGUOUS_IO
                && outcome != CallOutcome.CONNECTION_FAILED;
        Instant now = Instant.now();
        partners.merge(partner, reachable ? new Reachability(now, null, 0) : new Reachability(null, now, 1),
                (old, latest) -> reachable ? new Reachability(now, old.lastUnreachable(), 0)
                        : new Reachability(old.lastReachable(), now, old.consecutiveFailures() + 1));
    }

    /** Partners called since start-up, by name. */
    public Map<String, Reachability> all() {
        return new TreeMap<>(partners);
    }
}
