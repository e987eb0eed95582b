package io.medsync.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.medsync.http.ResponseHeaders;
import io.medsync.ratelimit.BudgetedTraffic.Send;
import io.medsync.sandbox.SandboxClock;
import io.medsync.sandbox.SandboxLauncher;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Against the NovaMed sandbox's fixed one-minute windows: no 429 storm at the server's own limit, and one 429 at
 * most per window when the budget is set too high. The budget reads time from the sandbox's clock, so the test moves
 * to the next window instead of waiting a real minute.
 */
@QuarkusTest
class RateBudgetAgainstNovaMedTest {

    @Inject
    DataSource dataSource;
    @Inject
    MeterRegistry registry;
    @Inject
    SandboxLauncher sandbox;

    private SandboxClock clock;
    private NovaMedCarriers novaMed;
    private final String key = RateBudget.budgetKey("novamed", "sandbox-test-" + UUID.randomUUID());

    @BeforeEach
    void setUp() {
        clock = sandbox.clock();
        novaMed = new NovaMedCarriers(sandbox.novaMed());
        // Start at the beginning of a sandbox minute, so the requests a test spends up front share one window.
        long second = clock.instant().getEpochSecond();
        clock.advance(java.time.Duration.ofSeconds(60 - Math.floorMod(second, 60L)).plusMillis(50));
    }

    @AfterEach
    void limitOff() {
        sandbox.novaMed().setRateLimitPerMinute(0);
    }

    @Test
    void aBudgetAtTheServersLimitSendsNo429() throws Exception {
        sandbox.novaMed().setRateLimitPerMinute(120);
        RateBudget budget = new RateBudget(dataSource, registry, TestBudgetSettings.perMinute(120), clock);
        // Another client on the same key has already spent most of this window...
        spendOutsideTheBudget(109);
        // ...which medsync's first call learns from the headers.
        budget.acquire(key);
        HttpResponse<String> initial = novaMed.get();
        budget.observe(key, initial.statusCode(), ResponseHeaders.of(initial.headers().map()), NovaMedCarriers.retryAfter(initial));
        assertThat(initial.headers().firstValue("X-RateLimit-Remaining")).hasValue("10");

        List<Send> sends;
        // The budget paces in the sandbox's time; run that time 4x faster so 60 requests at 120/min take under 10 s.
        try (TimeLapse lapse = TimeLapse.start(clock, 4)) {
            sends = runMovingToTheNextWindowWhenBlocked(budget, 2, BudgetedTraffic.sent(60));
        }

        Map<Integer, Long> statuses = sends.stream().collect(Collectors.groupingBy(Send::status, Collectors.counting()));
        Map<Long, Long> perWindow = sends.stream()
                .collect(Collectors.groupingBy(s -> s.reset().orElse(0), TreeMap::new, Collectors.counting()));
        System.out.printf("rate budget at the server limit (120/min): %d requests after the initial call (10 left in"
                + " the first window), per window %s, statuses %s%n", sends.size(), perWindow.values(), statuses);
        assertThat(sends).hasSizeGreaterThanOrEqualTo(60);
        assertThat(statuses).containsOnlyKeys(200);
    }

    @Test
    void aBudgetSetTooHighSeesAtMostOne429PerWindow() throws Exception {
        sandbox.novaMed().setRateLimitPerMinute(30);
        RateBudget budget = new RateBudget(dataSource, registry, TestBudgetSettings.perMinute(600), clock);
        // Another client on the same key has spent the whole window: medsync's first request meets a 429.
        spendOutsideTheBudget(30);

        List<Send> sends = runMovingToTheNextWindowWhenBlocked(budget, 4,
                s -> s.stream().filter(x -> x.status() == 200).count() >= 60);

        List<Send> rejected = sends.stream().filter(s -> s.status() == 429).toList();
        Map<Long, Long> rejectedPerWindow = rejected.stream()
                .collect(Collectors.groupingBy(s -> s.reset().orElseThrow(), Collectors.counting()));
        System.out.printf("rate budget set too high (600/min vs 30/min): %d requests, %d rejected (per window %s)%n",
                sends.size(), rejected.size(), rejectedPerWindow.values());
        assertThat(rejected).as("the scenario meets a 429").isNotEmpty();
        assertThat(rejectedPerWindow.values()).allMatch(count -> count == 1);
        for (Send refused : rejected) {
            Instant reset = Instant.ofEpochSecond(refused.reset().orElseThrow());
            assertThat(sends).as("requests sent after the 429 and before the reset")
                    .noneMatch(s -> s.sentAt().isAfter(refused.sentAt()) && s.sentAt().isBefore(reset));
        }
    }

    private void spendOutsideTheBudget(int requests) {
        for (int i = 0; i < requests; i++) {
            assertThat(novaMed.get().statusCode()).isEqualTo(200);
        }
    }

    /**
     * Runs the traffic; whenever the budget is blocked until the server's reset, moves the sandbox clock there
     * (both the sandbox and the budget read it), so a window passes without a real minute.
     */
    private List<Send> runMovingToTheNextWindowWhenBlocked(RateBudget budget, int threads,
            Predicate<List<Send>> enough) throws Exception {
        try (BudgetedTraffic traffic = new BudgetedTraffic(List.of(budget), threads, key, novaMed, clock, enough)) {
            while (!traffic.finished()) {
                await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(20))
                        .until(() -> traffic.finished() || budget.bucket(key).blocked(clock.instant()));
                TokenBucket bucket = budget.bucket(key);
                if (bucket.blocked(clock.instant())) {
                    // Awaitility's during(): the blocked budget really holds every worker back.
                    int sentBefore = traffic.sends().size();
                    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1))
                            .until(() -> traffic.sends().size() == sentBefore);
                    clock.advance(Duration.between(clock.instant(), bucket.blockedUntil()).plusMillis(1));
                }
            }
            return traffic.await(Duration.ofSeconds(5));
        }
    }
}
