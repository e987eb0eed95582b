package io.medsync.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.medsync.http.ResponseHeaders;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The production database: row locks, the first-use insert race and timestamps behave as on H2. */
class RateBudgetPostgresTest {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/migration").load()
                .migrate();
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void replicasUsingANewBudgetAtOnceAllGetTheirRequest() throws Exception {
        FirstUseRace.assertEveryCallerGetsItsRequest(postgres.getPostgresDatabase(), 12);
    }

    @Test
    void aBlockSetByOneReplicaHoldsForAnother() {
        Instant now = Instant.parse("2030-01-01T00:00:10.123456Z");
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        String key = RateBudget.budgetKey("novamed", "pg-" + UUID.randomUUID());
        RateBudget replicaA = new RateBudget(postgres.getPostgresDatabase(), new SimpleMeterRegistry(),
                TestBudgetSettings.perMinute(60), clock);
        RateBudget replicaB = new RateBudget(postgres.getPostgresDatabase(), new SimpleMeterRegistry(),
                TestBudgetSettings.perMinute(60), clock);
        assertThat(replicaA.tryAcquire(key)).isZero();

        replicaA.observe(key, 429, ResponseHeaders.NONE, Duration.ofSeconds(42));

        assertThat(replicaB.bucket(key)).isEqualTo(new TokenBucket(0, now, now.plusSeconds(42)));
        assertThat(replicaB.tryAcquire(key)).isEqualTo(Duration.ofSeconds(42));
        assertThat(List.of(replicaA.bucket(key))).containsExactly(replicaB.bucket(key));
    }
}
