package io.medsync.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * How far one tenant's sync of one source has come: its counts in the shared {@link SyncRun} since it started,
 * the observed rate, and, when the number of records is known, what remains and when it will be done. Ids and
 * counts only.
 */
public final class RunProgress {

    /**
     * @param remaining    records still to settle, or null while the run's size is unknown
     * @param ratePerMinute records settled per minute so far (before the first one: the NovaMed budget, if any)
     * @param etaSeconds   seconds until done at that rate, or null when the remaining count or the rate is unknown
     */
    public record Snapshot(String tenant, String source, Instant startedAt, long pulled, long done, Long remaining,
            double ratePerMinute, Long etaSeconds) {
    }

    private final String tenant;
    private final String source;
    private final SyncRun run;
    private final Clock clock;
    private final Instant startedAt;
    private final Map<SyncOutcome, Long> baseline = new EnumMap<>(SyncOutcome.class);
    private final int budgetPerMinute;
    private volatile Long expectedTotal;

    /**
     * @param expectedTotal   records this run will settle, when known (e.g. the previous full pull), else null
     * @param budgetPerMinute the NovaMed request budget per minute (0: none), the rate assumed before any record
     *                        has settled
     */
    public RunProgress(String tenant, String source, SyncRun run, Long expectedTotal, int budgetPerMinute,
            Clock clock) {
        this.tenant = tenant;
        this.source = source;
        this.run = run;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.expectedTotal = expectedTotal;
        this.budgetPerMinute = budgetPerMinute;
        for (SyncOutcome outcome : SyncOutcome.values()) {
            baseline.put(outcome, run.tenantTotal(tenant, outcome));
        }
    }

    /** The run's size, once known. */
    public void expect(long total) {
        expectedTotal = total;
    }

    public String tenant() {
        return tenant;
    }

    public String source() {
        return source;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public SyncRun run() {
        return run;
    }

    /** This source's share of the run's counts: the run is shared by every tenant and source of a cycle. */
    public long count(SyncOutcome outcome) {
        return run.tenantTotal(tenant, outcome) - baseline.get(outcome);
    }

    public Snapshot snapshot() {
        long pulled = count(SyncOutcome.PULLED);
        long done = 0;
        for (SyncOutcome outcome : SyncOutcome.values()) {
            if (outcome.settlesARecord()) {
                done += count(outcome);
            }
        }
        double minutes = Duration.between(startedAt, clock.instant()).toMillis() / 60_000.0;
        double rate = done > 0 && minutes > 0 ? done / minutes : budgetPerMinute;
        Long total = expectedTotal;
        Long remaining = total == null ? null : Math.max(0, Math.max(total, pulled) - done);
        Long eta = remaining == null || rate <= 0 ? null : Math.round(remaining * 60.0 / rate);
        return new Snapshot(tenant, source, startedAt, pulled, done, remaining, Math.round(rate * 10) / 10.0, eta);
    }
}
