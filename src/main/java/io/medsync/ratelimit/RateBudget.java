package io.medsync.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.medsync.http.ResponseHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.Unremovable;

/**
 * The request budget for a partner API key, as a token bucket in the {@code rate_bucket} table.
 *
 * <p>
 * <b>Cross-replica design:</b> the bucket lives in the shared database, keyed by partner and a hash of the API key,
 * and every change to it is one short transaction that locks its row. So all replicas that share the database and
 * the API key spend one budget together: two replicas at 60/min send 60/min between them, not 120. When the server
 * says its window is spent ({@code X-RateLimit-Remaining: 0} or a 429), {@link #observe} blocks the bucket until the
 * window resets, and no replica sends again before then.
 *
 * <p>
 * Waiting happens outside any transaction, in slices of at most {@code recheck-interval}, so a block set by another
 * replica is seen within one slice. Budget keys never contain the API key, only a prefix of its SHA-256.
 *
 * <p>
 * Unremovable: its settings mapping must stay registered even before a route injects the budget.
 */
@ApplicationScoped
@Unremovable
public class RateBudget {

    private static final Logger LOG = Logger.getLogger(RateBudget.class);
    private static final Duration LOGGED_WAIT = Duration.ofSeconds(1);
    private static final Pattern PARTNER = Pattern.compile("[a-z0-9-]{1,32}");
    private static final int HASH_HEX_CHARS = 16;
    private static final int LOGGED_HASH_CHARS = 8;
    static final String WAIT_TIMER = "medsync.ratelimit.wait";
    /**
     * Budget keys already derived: the SHA-256 and pattern check ran three times per delivered record (budget and
     * both circuit look-ups), ~2 % of medsync's CPU. Cleared when it outgrows any real number of tenants' keys.
     */
    private static final Map<PartnerKey, String> BUDGET_KEYS = new ConcurrentHashMap<>();
    private static final int MAX_CACHED_BUDGET_KEYS = 10_000;

    private final RateBucketStore store;
    private final RateBudgetSettings settings;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Map<String, Timer> waitTimers = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> turns = new ConcurrentHashMap<>();

    @Inject
    RateBudget(DataSource dataSource, MeterRegistry registry, RateBudgetSettings settings) {
        this(dataSource, registry, settings, Clock.systemUTC());
    }

    /** One budget client; tests build several on one database to play independent replicas. */
    RateBudget(DataSource dataSource, MeterRegistry registry, RateBudgetSettings settings, Clock clock) {
        this.store = new RateBucketStore(dataSource);
        this.registry = registry;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The budget key for a partner and API key: {@code partner + ":" +} the first 16 hex characters of the key's
     * SHA-256. Safe for logs and the database; the key itself cannot be recovered from it.
     */
    public static String budgetKey(String partner, String apiKey) {
        if (BUDGET_KEYS.size() > MAX_CACHED_BUDGET_KEYS) {
            BUDGET_KEYS.clear();
        }
        return BUDGET_KEYS.computeIfAbsent(new PartnerKey(partner, apiKey), RateBudget::derive);
    }

    private static String derive(PartnerKey partnerKey) {
        String partner = partnerKey.partner();
        if (partner == null || !PARTNER.matcher(partner).matches()) {
            throw new IllegalArgumentException("partner must match " + PARTNER.pattern());
        }
        if (partnerKey.apiKey() == null || partnerKey.apiKey().isEmpty()) {
            throw new IllegalArgumentException("an API key is required for a budget key");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(partnerKey.apiKey()
                    .getBytes(StandardCharsets.UTF_8));
            return partner + ":" + HexFormat.of().formatHex(digest).substring(0, HASH_HEX_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** A cache key; holds the API key, so it never prints it. */
    private record PartnerKey(String partner, String apiKey) {
        @Override
        public String toString() {
            return "PartnerKey[" + partner + "]";
        }
    }

    /**
     * Blocks until one request may be sent under {@code budgetKey} and takes it from the budget. Returns at once
     * (without touching the database) when the budget is off.
     *
     * @return how long the caller waited
     * @throws RateBudgetException when the bucket cannot be read or written, or the thread is interrupted
     */
    public Duration acquire(String budgetKey) {
        return acquire(budgetKey, settings.requestsPerMinute(), settings.burst());
    }

    /**
     * As {@link #acquire(String)} at another partner's rate (e.g. NexHealth's per-key limit); the bucket table,
     * pacing and cross-replica sharing are the same.
     */
    public Duration acquire(String budgetKey, int requestsPerMinute, int burst) {
        if (requestsPerMinute <= 0) {
            return Duration.ZERO;
        }
        long start = System.nanoTime();
        // This replica's threads waiting for one budget take turns (in arrival order): one asks the shared bucket
        // at a time, instead of all of them waking for every request the budget allows and all but one asking in
        // vain (with a thread per record in flight, many threads wait on one tenant's budget).
        ReentrantLock turn = turns.computeIfAbsent(budgetKey, k -> new ReentrantLock(true));
        try {
            turn.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RateBudgetException("interrupted while waiting for rate budget " + loggable(budgetKey), null);
        }
        try {
            Duration wait;
            while (!(wait = tryAcquire(budgetKey, requestsPerMinute, burst)).isZero()) {
                pause(min(wait, settings.recheckInterval()), budgetKey);
            }
        } finally {
            turn.unlock();
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        waitTimer(budgetKey).record(waited);
        if (waited.compareTo(LOGGED_WAIT) > 0) {
            LOG.infof("rate budget %s: waited %d ms for a request slot", loggable(budgetKey), waited.toMillis());
        }
        return waited;
    }

    /**
     * One attempt, without waiting: takes a request from the budget and returns zero, or takes nothing and returns
     * how long until a request may be available (the server's block or the next refill).
     */
    public Duration tryAcquire(String budgetKey) {
        return tryAcquire(budgetKey, settings.requestsPerMinute(), settings.burst());
    }

    Duration tryAcquire(String budgetKey, int requestsPerMinute, int burst) {
        if (requestsPerMinute <= 0) {
            return Duration.ZERO;
        }
        Instant now = now();
        double capacity = Math.max(1, burst);
        double tokensPerSecond = requestsPerMinute / 60.0;
        return store.update(budgetKey, TokenBucket.full(capacity, now), stored -> {
            TokenBucket bucket = stored.refilled(now, tokensPerSecond, capacity);
            Duration wait = bucket.waitBeforeTaking(now, tokensPerSecond);
            return wait.isZero() ? new RateBucketStore.Change<>(bucket.takeOne(), Duration.ZERO)
                    : new RateBucketStore.Change<>(bucket, wait);
        });
    }

    /**
     * Adapts the budget to what the server said about its window. When the window is spent (a 429, or
     * {@code X-RateLimit-Remaining: 0}) the budget is blocked until {@code X-RateLimit-Reset} or now +
     * {@code retryAfterFromBody}, the later if both are given (at most {@code max-block}). A remaining count below
     * the local tokens lowers them to it. Responses without rate-limit information change nothing.
     *
     * @param headers the response headers, or null when there was no response
     * @param retryAfterFromBody the 429 body's {@code retry_after}, or null
     */
    public void observe(String budgetKey, int status, ResponseHeaders headers, Duration retryAfterFromBody) {
        if (!settings.enabled()) {
            return;
        }
        ServerRateLimit server = ServerRateLimit.of(status, headers, retryAfterFromBody);
        if (!server.informative()) {
            return;
        }
        Instant now = now();
        store.update(budgetKey, TokenBucket.full(capacity(), now), stored -> {
            TokenBucket bucket = stored.refilled(now, settings.tokensPerSecond(), capacity());
            if (server.remaining().isPresent()) {
                bucket = bucket.atMost(server.remaining().getAsLong());
            }
            if (server.windowSpent()) {
                Instant end = server.windowEnd(now).orElse(now.plus(settings.blockWithoutHint()));
                Instant latest = now.plus(settings.maxBlock());
                bucket = bucket.atMost(0).blockedUntilAtLeast(end.isAfter(latest) ? latest : end);
            }
            return new RateBucketStore.Change<>(bucket, null);
        });
    }

    /** The stored state of a budget, or null before its first use. For tests and diagnostics. */
    TokenBucket bucket(String budgetKey) {
        return store.read(budgetKey);
    }

    private double capacity() {
        return Math.max(1, settings.burst());
    }

    /** Microsecond precision, as both H2 and PostgreSQL store it, so a stored instant reads back unchanged. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private Timer waitTimer(String budgetKey) {
        String partner = partnerOf(budgetKey);
        return waitTimers.computeIfAbsent(partner, p -> Timer.builder(WAIT_TIMER)
                .description("Time spent waiting for the partner's request budget")
                .tag("partner", p)
                .register(registry));
    }

    private static String partnerOf(String budgetKey) {
        int colon = budgetKey.indexOf(':');
        String partner = colon < 0 ? "" : budgetKey.substring(0, colon);
        return PARTNER.matcher(partner).matches() ? partner : "unknown";
    }

    /** Partner plus the first hex characters of the hash: enough to tell budgets apart in logs. */
    private static String loggable(String budgetKey) {
        int colon = budgetKey.indexOf(':');
        int end = Math.min(budgetKey.length(), colon + 1 + LOGGED_HASH_CHARS);
        return colon < 0 ? "unknown" : budgetKey.substring(0, end);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Sleeps {@code duration} with sub-millisecond precision: oversleeping wastes budget at every token. */
    private static void pause(Duration duration, String budgetKey) {
        long deadline = System.nanoTime() + duration.toNanos();
        for (long left = duration.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new RateBudgetException("interrupted while waiting for rate budget " + loggable(budgetKey), null);
            }
        }
    }
}
