package io.medsync.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import io.medsync.ledger.ResourceType;
import io.medsync.pipeline.RunProgress;
import io.medsync.pipeline.SyncOutcome;
import io.medsync.pipeline.SyncRun;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The ETA the ops API and the progress log line report, for a run paced by the NovaMed budget (the shared token
 * bucket on a real database, at 600/min so the test takes ten seconds): read mid-run, it is within 20 % of when the run
 * really finishes.
 */
class RateLimitedRunEtaTest {

    private static final int RECORDS = 100;
    private static final int PER_MINUTE = 600;

    @Test
    void theEtaReadMidRunIsWithinTwentyPercentOfTheActualFinish() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:eta-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        RateBudget budget = new RateBudget(ds, new SimpleMeterRegistry(), TestBudgetSettings.perMinute(PER_MINUTE),
                Clock.systemUTC());
        String key = RateBudget.budgetKey("novamed", "eta-test");

        SyncRun run = new SyncRun();
        // The previous full pull read RECORDS records: the run's size is known from the start.
        RunProgress progress = new RunProgress("t1", "nexhealth", run, (long) RECORDS, PER_MINUTE, Clock.systemUTC());
        CompletableFuture<Long> finished = CompletableFuture.supplyAsync(() -> {
            for (int i = 0; i < RECORDS; i++) {
                run.count("t1", ResourceType.PATIENT, SyncOutcome.PULLED);
            }
            for (int i = 0; i < RECORDS; i++) {
                budget.acquire(key);
                run.count("t1", ResourceType.PATIENT, SyncOutcome.NOVAMED_CALLS);
                run.count("t1", ResourceType.PATIENT, SyncOutcome.CREATED);
            }
            return System.nanoTime();
        });

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                .until(() -> progress.snapshot().done() >= RECORDS / 2);
        long measuredAt = System.nanoTime();
        RunProgress.Snapshot mid = progress.snapshot();
        long finishedAt = finished.get();

        double actualSeconds = (finishedAt - measuredAt) / 1e9;
        System.out.printf("mid-run: %d of %d done, %.1f/min, ETA %d s; actually finished %.2f s later%n",
                mid.done(), RECORDS, mid.ratePerMinute(), mid.etaSeconds(), actualSeconds);
        assertThat(mid.remaining()).isEqualTo(RECORDS - mid.done());
        assertThat(mid.etaSeconds()).isNotNull();
        assertThat((double) mid.etaSeconds()).isBetween(actualSeconds * 0.8, actualSeconds * 1.2);
        assertThat(progress.snapshot().remaining()).isZero();
    }

    @Test
    void withoutAKnownSizeProgressShowsTheRateButNoEta() {
        SyncRun run = new SyncRun();
        RunProgress progress = new RunProgress("t1", "nexhealth", run, null, PER_MINUTE, Clock.systemUTC());
        run.count("t1", ResourceType.PATIENT, SyncOutcome.PULLED);

        RunProgress.Snapshot snapshot = progress.snapshot();

        assertThat(snapshot.pulled()).isEqualTo(1);
        assertThat(snapshot.remaining()).isNull();
        assertThat(snapshot.etaSeconds()).isNull();
        assertThat(snapshot.ratePerMinute()).as("before any record settles: the budget").isEqualTo(PER_MINUTE);
    }
}
