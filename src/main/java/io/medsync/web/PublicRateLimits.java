package io.medsync.web;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The rate limits of the endpoints anyone can reach: a patient's enrol link ({@code /nextgen/enrol/...}) and the
 * partners' webhooks ({@code /webhooks/...}), per client address ({@link ClientAddress}). Checked before any
 * resource reads the body or the ledger; over the limit is a 429 with {@code Retry-After} and the JSON error shape.
 */
@ApplicationScoped
public class PublicRateLimits {

    /** One limited group of endpoints: the path prefix and its buckets. */
    record Group(String name, String pathPrefix, RateLimiter limiter) {
    }

    private final MeterRegistry metrics;
    private final Set<String> trustedProxies;
    private final int maxClients;
    private volatile List<Group> groups;

    PublicRateLimits(RateLimitSettings settings, MeterRegistry metrics) {
        this.metrics = metrics;
        this.trustedProxies = Set.copyOf(settings.trustedProxies().orElse(List.of()));
        this.maxClients = settings.maxClients();
        this.groups = List.of(group("enrol", "/nextgen/enrol/", settings.enrol()),
                group("webhooks", "/webhooks/", settings.webhooks()));
    }

    void routes(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 12).handler(this::limit);
    }

    private void limit(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        for (Group group : groups) {
            if (path.startsWith(group.pathPrefix())) {
                String client = ClientAddress.of(ctx.request().remoteAddress() == null ? null
                        : ctx.request().remoteAddress().hostAddress(),
                        ctx.request().getHeader("X-Forwarded-For"), trustedProxies);
                long retryAfter = group.limiter().tryTake(client);
                if (retryAfter > 0) {
                    ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
                    // A metric, not a log line per refusal: a flood would otherwise become a log flood.
                    metrics.counter("medsync.http.rate.limited", "endpoints", group.name()).increment();
                    HttpEdge.write(ctx, 429, ClientErrors.codeOf(429), ClientErrors.messageOf(429));
                    return;
                }
                break;
            }
        }
        ctx.next();
    }

    /**
     * Replaces one group's limit (fresh buckets) and returns the previous groups, for tests that exercise a low
     * limit in an application configured with generous ones.
     */
    List<Group> replace(String name, int requests, Duration per) {
        List<Group> previous = groups;
        groups = previous.stream().map(g -> g.name().equals(name)
                ? new Group(name, g.pathPrefix(), new RateLimiter(requests, per, maxClients, Clock.systemUTC()))
                : g).toList();
        return previous;
    }

    void restore(List<Group> previous) {
        groups = previous;
    }

    private Group group(String name, String pathPrefix, RateLimitSettings.Limit limit) {
        return new Group(name, pathPrefix, new RateLimiter(limit.requests(), limit.per(), maxClients,
                Clock.systemUTC()));
    }
}
