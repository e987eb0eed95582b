package io.medsync.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.medsync.http.ResponseHeaders;
import io.medsync.sandbox.SandboxClock;
import io.medsync.testing.LogCapture;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/** The budget's rules, one at a time, on the application's ledger database. */
@QuarkusTest
class RateBudgetTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:10Z");

    @Inject
    DataSource dataSource;
    @Inject
    RateBudget injected;

    /** Time stands still unless the test moves it. */
    private final SandboxClock clock = new SandboxClock(Clock.fixed(T0, ZoneOffset.UTC));
    private final String key = RateBudget.budgetKey("novamed", "unit-" + UUID.randomUUID());

    private RateBudget budget(RateBudgetSettings settings) {
        return new RateBudget(dataSource, new SimpleMeterRegistry(), settings, clock);
    }

    private static ResponseHeaders headers(Map<String, String> values) {
        return ResponseHeaders.of(values);
    }

    @Test
    void budgetKeyIsAShortHashNeverTheApiKey() {
        String apiKey = "nm_live_5f3c9a0e7b1d4c2a";
        String budgetKey = RateBudget.budgetKey("novamed", apiKey);

        assertThat(budgetKey).matches("novamed:[0-9a-f]{16}").doesNotContain(apiKey)
                .isEqualTo(RateBudget.budgetKey("novamed", apiKey))
                .isNotEqualTo(RateBudget.budgetKey("novamed", apiKey + "x"));
        assertThatThrownBy(() -> RateBudget.budgetKey("NovaMed:" + apiKey, apiKey))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(apiKey);
    }

    @Test
    void productionRunsAtNovaMedsSixtyPerMinuteWhileTheSandboxProfilesSwitchTheBudgetOff() throws Exception {
        java.util.Properties defaults = new java.util.Properties();
        // The production defaults, not the test suite's own application.properties that shadows them on the class path.
        try (var in = java.nio.file.Files.newInputStream(java.nio.file.Path.of("src/main/resources/application.properties"))) {
            defaults.load(in);
        }
        assertThat(defaults.getProperty("medsync.novamed.rate-limit.requests-per-minute")).isEqualTo("60");
        assertThat(defaults.getProperty("medsync.novamed.rate-limit.burst")).isEqualTo("1");
        assertThat(injected.tryAcquire(key)).isZero();
        assertThat(injected.tryAcquire(key)).as("off in the test profile").isZero();
    }

    @Test
    void rateZeroSwitchesTheBudgetOffWithoutTouchingTheDatabase() {
        DataSource untouchable = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { DataSource.class }, (proxy, method, args) -> {
                    throw new AssertionError("the budget is off but used the database: " + method.getName());
                });
        RateBudget off = new RateBudget(untouchable, new SimpleMeterRegistry(), TestBudgetSettings.perMinute(0), clock);

        for (int i = 0; i < 1000; i++) {
            assertThat(off.acquire(key)).isZero();
        }
        off.observe(key, 429, headers(Map.of("X-RateLimit-Remaining", "0")), Duration.ofSeconds(60));
        assertThat(budget(TestBudgetSettings.perMinute(60)).bucket(key)).isNull();
    }

    @Test
    void refillsAtTheConfiguredRate() {
        RateBudget budget = budget(TestBudgetSettings.perMinute(120));

        assertThat(budget.tryAcquire(key)).isZero();
        assertThat(budget.tryAcquire(key)).isEqualTo(Duration.ofMillis(500));
        clock.advance(Duration.ofMillis(200));
        assertThat(budget.tryAcquire(key)).isEqualTo(Duration.ofMillis(300));
        clock.advance(Duration.ofMillis(300));
        assertThat(budget.tryAcquire(key)).isZero();
        // A long pause refills no more than the burst.
        clock.advance(Duration.ofMinutes(10));
        assertThat(budget.tryAcquire(key)).isZero();
        assertThat(budget.tryAcquire(key)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void remainingZeroBlocksEveryoneUntilTheServersReset() {
        RateBudget budget = budget(TestBudgetSettings.perMinute(600));
        RateBudget otherReplica = budget(TestBudgetSettings.perMinute(600));
        assertThat(budget.tryAcquire(key)).isZero();
        Instant reset = T0.plusSeconds(50);

        budget.observe(key, 200, headers(Map.of("X-RateLimit-Limit", "60", "X-RateLimit-Remaining", "0",
                "X-RateLimit-Reset", String.valueOf(reset.getEpochSecond()))), null);

        assertThat(budget.bucket(key).blockedUntil()).isEqualTo(reset);
        clock.advance(Duration.ofSeconds(20));
        assertThat(otherReplica.tryAcquire(key)).isEqualTo(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        assertThat(otherReplica.tryAcquire(key)).isZero();
    }

    @Test
    void a429BlocksUntilTheLaterOfResetAndRetryAfter() {
        RateBudget budget = budget(TestBudgetSettings.perMinute(600));
        String otherKey = RateBudget.budgetKey("novamed", "unit-" + UUID.randomUUID());
        ResponseHeaders resetIn10s = headers(Map.of("X-RateLimit-Reset", String.valueOf(T0.plusSeconds(10).getEpochSecond())));
        ResponseHeaders resetIn50s = headers(Map.of("X-RateLimit-Reset", String.valueOf(T0.plusSeconds(50).getEpochSecond())));

        budget.observe(key, 429, resetIn10s, Duration.ofSeconds(30));
        budget.observe(otherKey, 429, resetIn50s, Duration.ofSeconds(30));

        assertThat(budget.bucket(key).blockedUntil()).isEqualTo(T0.plusSeconds(30));
        assertThat(budget.bucket(otherKey).blockedUntil()).isEqualTo(T0.plusSeconds(50));
        assertThat(budget.tryAcquire(key)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void a429WithoutHintsBlocksForTheFallbackAndNoServerBlocksLongerThanTheCap() {
        RateBudget budget = budget(TestBudgetSettings.perMinute(600).withMaxBlock(Duration.ofMinutes(5)));
        String otherKey = RateBudget.budgetKey("novamed", "unit-" + UUID.randomUUID());

        budget.observe(key, 429, ResponseHeaders.NONE, null);
        // A reset in milliseconds instead of seconds would be the year 60000.
        budget.observe(otherKey, 429, headers(Map.of("X-RateLimit-Reset", String.valueOf(T0.toEpochMilli()))), null);

        assertThat(budget.bucket(key).blockedUntil()).isEqualTo(T0.plusSeconds(60));
        assertThat(budget.bucket(otherKey).blockedUntil()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    }

    @Test
    void remainingBelowTheLocalTokensLowersThemAndOtherAnswersChangeNothing() {
        RateBudget budget = budget(TestBudgetSettings.perMinute(60).withBurst(5));
        assertThat(budget.tryAcquire(key)).isZero();
        assertThat(budget.bucket(key).tokens()).isEqualTo(4.0);

        budget.observe(key, 200, headers(Map.of("X-RateLimit-Remaining", "2")), null);
        assertThat(budget.bucket(key).tokens()).isEqualTo(2.0);
        budget.observe(key, 200, headers(Map.of("X-RateLimit-Remaining", "30")), null);
        budget.observe(key, 200, headers(Map.of("X-RateLimit-Remaining", "soon")), null);
        budget.observe(key, 500, null, null);
        assertThat(budget.bucket(key)).isEqualTo(new TokenBucket(2.0, T0, null));
    }

    @Test
    void waitsAreTimedPerPartnerAndLongOnesLoggedWithoutTheApiKey() {
        String apiKey = "nm_live_" + UUID.randomUUID();
        String budgetKey = RateBudget.budgetKey("novamed", apiKey);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        // 30/min: the second request waits up to 2 s (less whatever the first call took).
        RateBudget budget = new RateBudget(dataSource, registry, TestBudgetSettings.perMinute(30), Clock.systemUTC());

        List<String> lines;
        try (LogCapture log = LogCapture.start()) {
            assertThat(budget.acquire(budgetKey)).isLessThan(Duration.ofMillis(500));
            assertThat(budget.acquire(budgetKey)).isBetween(Duration.ofMillis(1500), Duration.ofMillis(2100));
            lines = log.lines();
        }

        Timer timer = registry.get(RateBudget.WAIT_TIMER).timer();
        assertThat(timer.count()).isEqualTo(2);
        assertThat(timer.getId().getTags()).containsExactly(Tag.of("partner", "novamed"));
        assertThat(registry.getMeters()).extracting(Meter::getId)
                .allSatisfy(id -> assertThat(id.toString()).doesNotContain(apiKey, budgetKey));
        assertThat(lines).filteredOn(l -> l.contains("rate budget")).singleElement().asString()
                .contains(budgetKey.substring(0, "novamed:".length() + 8)).containsPattern("waited [12]\\d{3} ms")
                .doesNotContain(apiKey, budgetKey);
    }

    @Test
    void replicasUsingANewBudgetAtOnceAllGetTheirRequestOnH2() throws Exception {
        FirstUseRace.assertEveryCallerGetsItsRequest(dataSource, 12);
    }

    @Test
    void threadsWaitingForOneBudgetTakeTurnsInsteadOfAllAskingTheBucketForEveryRequest() throws Exception {
        AtomicInteger bucketReads = new AtomicInteger();
        DataSource counting = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { DataSource.class }, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        bucketReads.incrementAndGet();
                    }
                    try {
                        return method.invoke(dataSource, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        // 600/min: one request every 100 ms; waiters re-check at the latest every second, as in production.
        RateBudget budget = new RateBudget(counting, new SimpleMeterRegistry(),
                new TestBudgetSettings(600, 1, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(5)),
                Clock.systemUTC());
        int threads = 8;
        int requestsEach = 3;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < requestsEach; i++) {
                        budget.acquire(key);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        int requests = threads * requestsEach;
        assertThat(took).as("the budget still paces them").isGreaterThan(Duration.ofMillis((requests - 1) * 100L - 50));
        // Taking turns: about two reads per request (one that finds the next one not due yet, one that takes it).
        // All waking together, each of the 8 would read the bucket for every request: about 8 per request.
        assertThat(bucketReads.get()).as("bucket reads for %d requests", requests).isLessThanOrEqualTo(requests * 3);
    }
}
