package io.medsync.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Many replicas use a budget for the first time at the same instant: all but one insert loses with a unique
 * violation, and each must still get its request. Run against H2 and PostgreSQL.
 */
final class FirstUseRace {

    private FirstUseRace() {
    }

    static void assertEveryCallerGetsItsRequest(DataSource dataSource, int callers) throws Exception {
        String key = RateBudget.budgetKey("novamed", "race-" + UUID.randomUUID());
        // Almost no refill, and exactly one token per caller: every caller must get one and none may be left.
        RateBudgetSettings settings = TestBudgetSettings.perMinute(1).withBurst(callers);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Duration>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                // A budget per caller, as separate replicas would have.
                RateBudget replica = new RateBudget(dataSource, new SimpleMeterRegistry(), settings,
                        Clock.systemUTC());
                answers.add(pool.submit(() -> {
                    start.await();
                    return replica.tryAcquire(key);
                }));
            }
            start.countDown();
            for (Future<Duration> answer : answers) {
                assertThat(answer.get(20, TimeUnit.SECONDS)).isZero();
            }
            TokenBucket bucket = new RateBudget(dataSource, new SimpleMeterRegistry(), settings, Clock.systemUTC())
                    .bucket(key);
            assertThat(bucket.tokens()).isLessThan(0.1);
        } finally {
            pool.shutdownNow();
        }
    }
}
