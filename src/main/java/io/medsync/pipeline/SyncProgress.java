package io.medsync.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.medsync.ledger.RunHistory;
import io.medsync.ratelimit.RateBudgetSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The syncs running now, per tenant and source, and what becomes of them when they finish: a row in the run
 * history, the run-duration timer and the last-success gauge. Also the periodic progress log line.
 */
@ApplicationScoped
public class SyncProgress {

    private static final Logger LOG = Logger.getLogger(SyncProgress.class);

    private final RunHistory history;
    private final MeterRegistry registry;
    private final int budgetPerMinute;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, RunProgress> running = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

    SyncProgress(RunHistory history, MeterRegistry registry, RateBudgetSettings budget) {
        this.history = history;
        this.registry = registry;
        this.budgetPerMinute = budget.requestsPerMinute();
    }

    private static String key(String tenant, String source) {
        return tenant + "/" + source;
    }

    /**
     * A tenant's sync of a source begins. On a full re-sync the previous run's pull tells how many records to
     * expect, so remaining and ETA are known from the start; otherwise only pulled, done and the rate are.
     */
    public RunProgress start(String tenant, String source, SyncRun run, boolean fullResync) {
        Long expected = fullResync
                ? history.last(tenant, source).map(r -> r.counts().get("pulled")).filter(n -> n > 0).orElse(null)
                : null;
        RunProgress progress = new RunProgress(tenant, source, run, expected, budgetPerMinute, clock);
        running.put(key(tenant, source), progress);
        registerGauges(tenant, source);
        return progress;
    }

    /** Records the finished sync in the run history and the metrics. */
    public void finish(RunProgress progress) {
        running.remove(key(progress.tenant(), progress.source()), progress);
        Instant finishedAt = clock.instant();
        String outcome = progress.run().tenantErrors(progress.tenant()) > 0 ? "errors" : "ok";
        Map<String, Long> counts = new LinkedHashMap<>();
        for (SyncOutcome o : SyncOutcome.values()) {
            counts.put(o.label(), progress.count(o));
        }
        history.add(new RunHistory.Run(0, progress.run().id(), progress.tenant(), progress.source(),
                progress.startedAt(), finishedAt, outcome, counts,
                progress.run().unread(progress.tenant(), progress.source())));
        Tags tags = Tags.of("tenant", progress.tenant(), "source", progress.source());
        Timer.builder("medsync.sync.run.duration").description("Duration of a tenant's sync of one source")
                .tags(tags.and("outcome", outcome)).register(registry)
                .record(Duration.between(progress.startedAt(), finishedAt));
        if ("ok".equals(outcome)) {
            lastSuccess.get(key(progress.tenant(), progress.source())).set(finishedAt.getEpochSecond());
        }
    }

    public Optional<RunProgress.Snapshot> running(String tenant, String source) {
        return Optional.ofNullable(running.get(key(tenant, source))).map(RunProgress::snapshot);
    }

    public List<RunProgress.Snapshot> all() {
        Collection<RunProgress> now = running.values();
        return now.stream().map(RunProgress::snapshot).toList();
    }

    /** One line per running sync: counts, rate and ETA, no PHI. Called by the progress-log route. */
    public void logProgress() {
        for (RunProgress.Snapshot s : all()) {
            LOG.infof("sync of tenant %s from %s: %d done of %d pulled%s, %.1f records/min, ETA %s", s.tenant(),
                    s.source(), s.done(), s.pulled(), s.remaining() == null ? "" : ", " + s.remaining() + " remaining",
                    s.ratePerMinute(), s.etaSeconds() == null ? "unknown" : Duration.ofSeconds(s.etaSeconds()));
        }
    }

    private void registerGauges(String tenant, String source) {
        lastSuccess.computeIfAbsent(key(tenant, source), k -> {
            AtomicLong last = new AtomicLong();
            Tags tags = Tags.of("tenant", tenant, "source", source);
            Gauge.builder("medsync.sync.last_success", last, AtomicLong::get).baseUnit("seconds")
                    .description("When the tenant's last successful sync of the source finished (epoch seconds)")
                    .tags(tags).register(registry);
            Gauge.builder("medsync.sync.progress.done", this, p -> p.running(tenant, source)
                            .map(RunProgress.Snapshot::done).orElse(0L))
                    .description("Records settled by the running sync (0 when none runs)").tags(tags)
                    .register(registry);
            Gauge.builder("medsync.sync.progress.pulled", this, p -> p.running(tenant, source)
                            .map(RunProgress.Snapshot::pulled).orElse(0L))
                    .description("Records pulled by the running sync (0 when none runs)").tags(tags)
                    .register(registry);
            return last;
        });
    }
}
