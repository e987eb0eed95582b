package io.medsync.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.medsync.ledger.LedgerBrowser;
import io.medsync.ledger.LedgerEntry;
import io.medsync.ledger.RecordState;
import io.medsync.ledger.RunHistory;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * After go-live: what a tenant's latest dry run announced beside what its first real run did, by count (the run
 * summaries) and record by record (the ledger), with every difference listed. Keys and counts only.
 */
@ApplicationScoped
public class GoLiveComparison {

    /** Ledger pages read for the record-by-record comparison. */
    private static final int PAGE = 1000;

    /**
     * @param firstRuns   the first run of each source that started after the dry run finished (empty before go-live)
     * @param announced   created / failed / parked as the dry run announced them
     * @param happened    the same counts from the first runs' summaries
     * @param differences every record whose ledger state is not what the dry run announced, and every record the
     *                    ledger has that the dry run did not announce
     */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Comparison(ReadinessReport dryRun, List<FirstRun> firstRuns, Map<String, Long> announced,
            Map<String, Long> happened, Double etaSeconds, Double actualSeconds, List<Difference> differences) {
    }

    /** A source's first real run after the dry run: its summary counts. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record FirstRun(String runId, String source, Instant startedAt, Instant finishedAt, String outcome,
            Map<String, Long> counts) {
        static FirstRun of(RunHistory.Run run) {
            return new FirstRun(run.runId(), run.source(), run.startedAt(), run.finishedAt(), run.outcome(),
                    run.counts());
        }
    }

    /** {@code announced} is null for a record the dry run did not meet; {@code actual} the ledger state. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Difference(String record, String announced, String actual) {
    }

    private static final List<String> COMPARED = List.of("created", "failed", "parked");

    private final GoLiveRehearsal rehearsal;
    private final RunHistory history;
    private final LedgerBrowser ledger;

    GoLiveComparison(GoLiveRehearsal rehearsal, RunHistory history, LedgerBrowser ledger) {
        this.rehearsal = rehearsal;
        this.history = history;
        this.ledger = ledger;
    }

    /** Empty when the tenant was never dry-run. */
    public Optional<Comparison> of(String tenantId) {
        return rehearsal.latest(tenantId).map(this::compare);
    }

    private Comparison compare(ReadinessReport report) {
        List<RunHistory.Run> firstRuns = firstRunsAfter(report.tenant(), report.finishedAt());
        Map<String, Long> announced = new LinkedHashMap<>();
        announced.put("created", report.kinds().stream().mapToLong(ReadinessReport.Kind::wouldCreate).sum());
        announced.put("failed", report.kinds().stream().mapToLong(ReadinessReport.Kind::wouldRefuse).sum());
        announced.put("parked", report.kinds().stream().mapToLong(ReadinessReport.Kind::wouldPark).sum());
        Map<String, Long> happened = new LinkedHashMap<>();
        COMPARED.forEach(c -> happened.put(c, firstRuns.stream().mapToLong(r -> r.counts().getOrDefault(c, 0L)).sum()));
        Double actualSeconds = firstRuns.isEmpty() ? null : Duration.between(
                firstRuns.stream().map(RunHistory.Run::startedAt).min(Comparator.naturalOrder()).orElseThrow(),
                firstRuns.stream().map(RunHistory.Run::finishedAt).max(Comparator.naturalOrder()).orElseThrow())
                .toMillis() / 1000.0;
        List<Difference> differences = firstRuns.isEmpty() ? List.of() : differences(report);
        return new Comparison(report, firstRuns.stream().map(FirstRun::of).toList(), announced, happened, report.novamed().etaSeconds(), actualSeconds,
                differences);
    }

    private List<RunHistory.Run> firstRunsAfter(String tenant, Instant dryRunFinished) {
        Map<String, RunHistory.Run> first = new TreeMap<>();
        history.recent(tenant, null, 1000).stream().filter(r -> r.startedAt().isAfter(dryRunFinished))
                .forEach(r -> first.merge(r.source(), r, (a, b) -> a.startedAt().isBefore(b.startedAt()) ? a : b));
        return List.copyOf(first.values());
    }

    private List<Difference> differences(ReadinessReport report) {
        Map<String, String> announced = new TreeMap<>(report.announced());
        List<Difference> differences = new ArrayList<>();
        Long after = null;
        List<LedgerEntry> page;
        do {
            page = ledger.browse(new LedgerBrowser.Filter(report.tenant(), null, null, null, null, after, PAGE));
            for (LedgerEntry entry : page) {
                String record = entry.key().toString();
                String actual = label(entry.state());
                String expected = announced.remove(record);
                if (!actual.equals(expected)) {
                    differences.add(new Difference(record, expected, actual));
                }
                after = entry.id();
            }
        } while (page.size() == PAGE);
        announced.forEach((record, expected) -> differences.add(new Difference(record, expected, "not in the ledger")));
        return differences;
    }

    /** The ledger state in the words of the run summary. */
    private static String label(RecordState state) {
        return switch (state) {
            case DELIVERED -> "created";
            case FAILED -> "failed";
            default -> state.name().toLowerCase();
        };
    }
}
