package io.medsync.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a tenant's first sync would do, as a go-live rehearsal ({@link DryRun#rehearsal()}) found it: per kind of
 * record what would be created, refused (by reason) and parked (on what), the chains that can never complete, data
 * quality counts taken from the refusal reasons, the NovaMed calls the first run will make and how long it will take
 * at the budget, and the source calls the rehearsal made. Record keys, reasons and counts only: never PHI.
 *
 * @param outcome {@code ready} when every source was read in full, {@code errors} when a read stopped early (the
 *                report then covers only what was read)
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReadinessReport(String id, String tenant, Instant startedAt, Instant finishedAt, long elapsedMs,
        String outcome, List<String> errors, List<Kind> kinds, List<Chain> neverCompleting,
        Map<String, Long> dataQuality, NovaMedForecast novamed, Map<String, Long> sourceCalls) {

    /** The report's verdict when every source was read in full. */
    public static final String READY = "ready";
    public static final String ERRORS = "errors";

    /**
     * One kind of record, e.g. {@code nexhealth/provider}. {@code wouldCreateRecords} are listed for the comparison
     * with the first real run.
     */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Kind(String kind, long pulled, long wouldCreate, long wouldRefuse, long wouldPark,
            List<Refusals> refusals, List<Parked> parked, List<String> wouldCreateRecords) {
    }

    /** The records that would be refused for one reason. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Refusals(String reason, long count, List<String> records) {
    }

    /** The records that would park on one party; {@code neverCompletes} when that party will never be delivered. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Parked(String waitingFor, boolean neverCompletes, long count, List<String> records) {
    }

    /**
     * A dependency chain that can never complete: {@code root} would be refused (or is never pulled), and
     * {@code waiting} would park on it, directly or through another parked record.
     */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Chain(String root, String rootReason, List<String> waiting) {
    }

    /**
     * The first run's NovaMed traffic: one create per record that would be created. {@code pacingSeconds}: those
     * creates at {@code requestsPerMinute} (null when no budget is known); {@code etaSeconds}: the pacing, or the
     * time the dry run took to read the sources when that is longer; {@code budget} says where the rate came from
     * ({@code configured} or {@code asked}).
     */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record NovaMedForecast(long calls, Map<String, Long> callsByPath, int requestsPerMinute, String budget,
            Double pacingSeconds, Double etaSeconds) {
    }

    public boolean ready() {
        return READY.equals(outcome);
    }

    /** Every record key the report announces with the fate it announces: created, failed or parked. */
    public Map<String, String> announced() {
        Map<String, String> fates = new java.util.TreeMap<>();
        for (Kind kind : kinds) {
            kind.wouldCreateRecords().forEach(r -> fates.put(r, "created"));
            kind.refusals().forEach(g -> g.records().forEach(r -> fates.put(r, "failed")));
            kind.parked().forEach(g -> g.records().forEach(r -> fates.put(r, "parked")));
        }
        return fates;
    }
}
