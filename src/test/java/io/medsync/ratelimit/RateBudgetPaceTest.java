package io.medsync.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.medsync.ratelimit.BudgetedTraffic.Send;
import io.medsync.sandbox.SandboxLauncher;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/** The budget spends the configured rate, no more and hardly less, however many threads and replicas share it. */
@QuarkusTest
class RateBudgetPaceTest {

    private static final double TOLERANCE = 0.05;

    @Inject
    DataSource dataSource;
    @Inject
    MeterRegistry registry;
    @Inject
    SandboxLauncher sandbox;

    private NovaMedCarriers novaMed;

    @BeforeEach
    void sandboxWithoutLimit() {
        sandbox.novaMed().setRateLimitPerMinute(0);
        novaMed = new NovaMedCarriers(sandbox.novaMed());
    }

    @Test
    void fourThreadsAchieveTheConfiguredRate() throws Exception {
        int configured = 300;
        RateBudget budget = new RateBudget(dataSource, registry, TestBudgetSettings.perMinute(configured),
                Clock.systemUTC());

        List<Send> sends;
        try (BudgetedTraffic traffic = new BudgetedTraffic(List.of(budget), 4, uniqueKey(), novaMed,
                Clock.systemUTC(), BudgetedTraffic.sent(100))) {
            sends = traffic.await(Duration.ofSeconds(40));
        }

        double achieved = BudgetedTraffic.ratePerMinute(sends);
        System.out.printf("rate budget, 1 replica x 4 threads: configured %d/min, achieved %.1f/min over %d requests"
                + " in %.2f s%n", configured, achieved, sends.size(), spanSeconds(sends));
        assertThat(sends).allMatch(s -> s.status() == 200);
        assertThat(achieved).isCloseTo(configured, within(configured * TOLERANCE));
    }

    @Test
    void twoReplicasOnOneDatabaseShareOneBudget() throws Exception {
        int configured = 300;
        RateBudgetSettings settings = TestBudgetSettings.perMinute(configured);
        RateBudget replicaA = new RateBudget(dataSource, registry, settings, Clock.systemUTC());
        RateBudget replicaB = new RateBudget(dataSource, registry, settings, Clock.systemUTC());

        List<Send> sends;
        try (BudgetedTraffic traffic = new BudgetedTraffic(List.of(replicaA, replicaB), 2, uniqueKey(), novaMed,
                Clock.systemUTC(), BudgetedTraffic.sent(80))) {
            sends = traffic.await(Duration.ofSeconds(40));
        }

        double achieved = BudgetedTraffic.ratePerMinute(sends);
        long byA = sends.stream().filter(s -> s.replica() == 0).count();
        System.out.printf("rate budget, 2 replicas x 2 threads: configured %d/min, achieved %.1f/min combined over %d"
                + " requests in %.2f s (replica A %d, replica B %d)%n", configured, achieved, sends.size(),
                spanSeconds(sends), byA, sends.size() - byA);
        assertThat(byA).as("both replicas sent").isBetween(1L, (long) sends.size() - 1);
        assertThat(achieved).isCloseTo(configured, within(configured * TOLERANCE));
    }

    private static String uniqueKey() {
        return RateBudget.budgetKey("novamed", "pace-test-" + UUID.randomUUID());
    }

    private static double spanSeconds(List<Send> sends) {
        return (sends.get(sends.size() - 1).sentNanos() - sends.get(0).sentNanos()) / 1e9;
    }
}
