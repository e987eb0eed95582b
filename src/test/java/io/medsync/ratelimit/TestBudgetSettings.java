package io.medsync.ratelimit;

import java.time.Duration;

/** Budget settings built in a test, so one application can play budgets of any rate. */
record TestBudgetSettings(int requestsPerMinute, int burst, Duration recheckInterval, Duration blockWithoutHint,
        Duration maxBlock) implements RateBudgetSettings {

    static TestBudgetSettings perMinute(int requestsPerMinute) {
        return new TestBudgetSettings(requestsPerMinute, 1, Duration.ofMillis(50), Duration.ofSeconds(60),
                Duration.ofMinutes(5));
    }

    TestBudgetSettings withBurst(int tokens) {
        return new TestBudgetSettings(requestsPerMinute, tokens, recheckInterval, blockWithoutHint, maxBlock);
    }

    TestBudgetSettings withMaxBlock(Duration cap) {
        return new TestBudgetSettings(requestsPerMinute, burst, recheckInterval, blockWithoutHint, cap);
    }
}
