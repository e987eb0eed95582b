package io.medsync.ops;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.medsync.ledger.LedgerBrowser;
import io.medsync.ledger.RunHistory;
import io.medsync.pipeline.RunProgress;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A tenant as the ops API shows it: per source, its state, runs, pull position, backlog and live progress. */
@RegisterForReflection
public record TenantStatus(String tenant, List<Source> sources) {

    /**
     * @param state   enabled or paused (a paused tenant's scheduled and Kafka-triggered syncs are skipped)
     * @param nextRun when the schedule fires next, or null when the source is not scheduled
     * @param cursor  the incremental pull position per resource and scope
     * @param running the sync going on now, or null
     */
    @RegisterForReflection
    public record Source(String source, String state, Run lastRun, Instant nextRun,
            List<LedgerBrowser.Cursor> cursor, Backlog backlog, Running running) {
    }

    /**
     * @param counts          pulled, created, linked, unchanged, stillFailed, drifted, failed, parked, inDoubt,
     *                        novamedCalls
     * @param unreadResources entries of FHIR resource types medsync does not read, by type (types and counts only)
     */
    @RegisterForReflection
    public record Run(String runId, String source, Instant startedAt, Instant finishedAt, String outcome,
            Map<String, Long> counts, Map<String, Long> unreadResources) {

        static Run of(RunHistory.Run run) {
            Map<String, Long> counts = new LinkedHashMap<>();
            run.counts().forEach((column, n) -> counts.put(camelCase(column), n));
            return new Run(run.runId(), run.source(), run.startedAt(), run.finishedAt(), run.outcome(), counts,
                    run.unread());
        }

        private static String camelCase(String column) {
            StringBuilder out = new StringBuilder();
            boolean upper = false;
            for (char ch : column.toCharArray()) {
                if (ch == '_') {
                    upper = true;
                } else {
                    out.append(upper ? Character.toUpperCase(ch) : ch);
                    upper = false;
                }
            }
            return out.toString();
        }
    }

    @RegisterForReflection
    public record Backlog(long parked, long inDoubt, long deadLetters) {
    }

    /**
     * @param remaining  records left, or null while the run's size is unknown (known on a full re-sync, from the
     *                   previous pull)
     * @param etaSeconds null when remaining is unknown
     */
    @RegisterForReflection
    public record Running(Instant startedAt, long pulled, long done, Long remaining, double ratePerMinute,
            Long etaSeconds) {

        static Running of(RunProgress.Snapshot s) {
            return new Running(s.startedAt(), s.pulled(), s.done(), s.remaining(), s.ratePerMinute(),
                    s.etaSeconds());
        }
    }
}
