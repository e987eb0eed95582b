package io.medsync.http;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one place outbound calls are classified and retried, for every connector. Each attempt goes through the
 * partner's Camel route ({@link PartnerCallRoutes}, {@code partner-call-<partner>}), whose HTTP client neither
 * retries nor honours {@code Retry-After} on its own: the retry and 429 policy is this class's.
 */
@ApplicationScoped
public class OutboundCaller {

    private static final Logger LOG = Logger.getLogger(OutboundCaller.class);

    private final HttpSettings settings;
    private final MeterRegistry metrics;
    private final PartnerCalls partners;
    private final ProducerTemplate camel;
    /**
     * Each call's counter, registered on its first use: finding it in the registry by name and tags on every call
     * cost more CPU than the count itself.
     */
    private final Map<CallCounter, Counter> callCounters = new ConcurrentHashMap<>();

    private record CallCounter(String system, CallOutcome outcome) {
    }

    OutboundCaller(HttpSettings settings, MeterRegistry metrics, PartnerCalls partners, ProducerTemplate camel) {
        this.settings = settings;
        this.metrics = metrics;
        this.partners = partners;
        this.camel = camel;
    }

    /**
     * Sends the request (built afresh for every attempt, so refreshed credentials apply) until it succeeds, is
     * refused, or the policy forbids another attempt. {@code target} names the operation for logs, e.g.
     * {@code "novamed POST /api/external/patient"}; it must not contain PHI.
     */
    public CallResult call(String target, Supplier<PartnerRequest> request, CallPolicy policy) {
        // The system is the first word of the target ("novamed POST ..."): no tenant, id or path in labels.
        String system = target.substring(0, Math.max(0, target.indexOf(' ')));
        if (!PartnerCallRoutes.PARTNERS.containsKey(system)) {
            throw new IllegalArgumentException("no partner route for " + system);
        }
        int attempts = 0;
        int rateLimitWaits = 0;
        boolean credentialsRefreshed = false;
        while (true) {
            attempts++;
            CallResult result = sendOnce(system, request.get(), attempts);
            callCounter(system, result.outcome()).increment();
            partners.record(system, result.outcome());
            if (result.status() > 0) {
                policy.onResponse().accept(result);
            }
            switch (result.outcome()) {
                case SUCCESS, REJECTED -> {
                    return result;
                }
                case UNAUTHORIZED -> {
                    if (credentialsRefreshed) {
                        return result;
                    }
                    credentialsRefreshed = true;
                    attempts--;
                    policy.onUnauthorized().run();
                    LOG.debugf("%s: 401, refreshing credentials once", target);
                }
                case RATE_LIMITED -> {
                    if (!policy.waitWhenRateLimited() || ++rateLimitWaits > settings.maxRateLimitWaits()) {
                        return result;
                    }
                    attempts--;
                    Duration wait = policy.hints().waitAfter(result)
                            .filter(d -> !d.isNegative())
                            .map(d -> d.compareTo(settings.maxRateLimitWait()) > 0 ? settings.maxRateLimitWait() : d)
                            .orElse(settings.defaultRateLimitWait());
                    LOG.infof("%s: rate limited, waiting %d ms as the server asks", target, wait.toMillis());
                    pause(wait);
                }
                case SERVER_ERROR, AMBIGUOUS_IO, CONNECTION_FAILED -> {
                    boolean mayRetry = result.outcome() == CallOutcome.CONNECTION_FAILED || policy.retryAmbiguous();
                    if (!mayRetry || attempts >= settings.maxAttempts()) {
                        return result;
                    }
                    Duration backoff = backoff(attempts);
                    LOG.infof("%s: %s (attempt %d of %d), retrying in %d ms", target, describe(result), attempts,
                            settings.maxAttempts(), backoff.toMillis());
                    pause(backoff);
                }
            }
        }
    }

    private Counter callCounter(String system, CallOutcome outcome) {
        return callCounters.computeIfAbsent(new CallCounter(system, outcome), c -> metrics.counter(
                "medsync.http.calls", "system", c.system(), "outcome", c.outcome().name().toLowerCase(Locale.ROOT)));
    }

    /** One attempt, through the partner's route; what its classifier made of the answer. */
    private CallResult sendOnce(String system, PartnerRequest request, int attempt) {
        Exchange done = camel.send(PartnerCallRoutes.endpointOf(system), exchange -> exchange.getMessage()
                .setBody(request));
        if (done.getException() != null) {
            // Not an I/O failure (those are answers): a request that could not be built, e.g. a malformed URL.
            throw new IllegalStateException(system + " request could not be sent: "
                    + done.getException().getClass().getSimpleName(), done.getException());
        }
        return done.getMessage().getBody(CallResult.class).withAttempts(attempt);
    }

    /** Exponential backoff with full jitter in its upper half, so replicas do not retry in step. */
    private Duration backoff(int attempt) {
        long base = settings.initialBackoff().toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, settings.maxBackoff().toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private static String describe(CallResult result) {
        return result.status() > 0 ? "HTTP " + result.status() : result.failure();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
