package io.medsync.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one place outbound calls are made, classified and retried, for every connector. The JDK client is used
 * because it neither retries nor honours {@code Retry-After} on its own: the 429 policy is ours.
 */
@ApplicationScoped
public class OutboundCaller {

    private static final Logger LOG = Logger.getLogger(OutboundCaller.class);

    static {
        // The JDK client may silently retry a connect, or an idempotent request on a dropped connection; every
        // retry must be ours, counted and classified, so both are off (read when the client classes load).
        System.setProperty("jdk.httpclient.disableRetryConnect", "true");
        System.setProperty("jdk.httpclient.enableAllMethodRetry", "false");
    }

    private final HttpClient client;
    private final HttpSettings settings;
    private final MeterRegistry metrics;
    private final PartnerCalls partners;

    OutboundCaller(HttpSettings settings, MeterRegistry metrics, PartnerCalls partners) {
        this.settings = settings;
        this.metrics = metrics;
        this.partners = partners;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public Duration requestTimeout() {
        return settings.requestTimeout();
    }

    /**
     * Sends the request (built afresh for every attempt, so refreshed credentials apply) until it succeeds, is
     * refused, or the policy forbids another attempt. {@code target} names the operation for logs, e.g.
     * {@code "novamed POST /api/external/patient"}; it must not contain PHI.
     */
    public CallResult call(String target, Supplier<HttpRequest> request, CallPolicy policy) {
        int attempts = 0;
        int rateLimitWaits = 0;
        boolean credentialsRefreshed = false;
        while (true) {
            attempts++;
            CallResult result = sendOnce(request.get(), attempts);
            // The system is the first word of the target ("novamed POST ..."): no tenant, id or path in labels.
            String system = target.substring(0, Math.max(0, target.indexOf(' ')));
            metrics.counter("medsync.http.calls", "system", system,
                    "outcome", result.outcome().name().toLowerCase()).increment();
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

    private CallResult sendOnce(HttpRequest request, int attempt) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new CallResult(classify(response.statusCode()), response.statusCode(), response.body(),
                    response.headers(), attempt, null);
        } catch (HttpConnectTimeoutException | ConnectException | UnknownHostException e) {
            return new CallResult(CallOutcome.CONNECTION_FAILED, 0, null, null, attempt, e.getClass().getSimpleName());
        } catch (HttpTimeoutException e) {
            return new CallResult(CallOutcome.AMBIGUOUS_IO, 0, null, null, attempt, "timeout");
        } catch (IOException e) {
            return new CallResult(CallOutcome.AMBIGUOUS_IO, 0, null, null, attempt, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CallResult(CallOutcome.AMBIGUOUS_IO, 0, null, null, attempt, "interrupted");
        }
    }

    static CallOutcome classify(int status) {
        if (status >= 200 && status < 300) {
            return CallOutcome.SUCCESS;
        }
        if (status == 429) {
            return CallOutcome.RATE_LIMITED;
        }
        if (status == 401) {
            return CallOutcome.UNAUTHORIZED;
        }
        if (status >= 500) {
            return CallOutcome.SERVER_ERROR;
        }
        return CallOutcome.REJECTED;
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
