package io.medsync.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Turns the outcomes of a go-live rehearsal into its {@link ReadinessReport}. The data-quality counts are read from
 * the refusal reasons the mappers give (they name the field and the rule), not by checking the records again.
 */
final class ReadinessAssessment {

    /** The mapping reasons' prefix in a refusal ({@link LedgerSteps#reasonOf}). */
    private static final String MAPPING = "mapping: ";

    /**
     * Data-quality counts: records refused with a reason matching (a refusal lists every reason, in one line). The
     * NexHealth mappers stop at the first failing check, so a NexHealth record is counted for its first problem only.
     */
    private static final Map<String, Predicate<String>> DATA_QUALITY = dataQualityChecks();

    private static Map<String, Predicate<String>> dataQualityChecks() {
        Map<String, Predicate<String>> checks = new LinkedHashMap<>();
        checks.put("missing_emails", r -> r.contains("email is missing"));
        checks.put("invalid_emails", r -> r.contains("not a plausible email address"));
        checks.put("missing_npis", r -> r.contains("npi is missing"));
        checks.put("invalid_npis", r -> r.contains("npi contains") || r.contains("npi is not exactly")
                || r.contains("npi fails"));
        checks.put("partial_birth_dates", r -> r.contains("is partial (year or year-month only)"));
        // A state that is no US state or a ZIP that is no US ZIP: the address is not a US one.
        checks.put("non_us_addresses", r -> r.contains("address is incomplete (") && r.contains("invalid "));
        checks.put("incomplete_addresses", r -> r.contains("address is incomplete (missing "));
        checks.put("deceased_patients", r -> r.contains("deceased"));
        return checks;
    }

    private ReadinessAssessment() {
    }

    /**
     * @param pulled            records pulled per kind ({@code source/resource})
     * @param requestsPerMinute NovaMed budget per API key (0: none known)
     * @param burst             requests the budget lets through at once
     */
    static ReadinessReport assess(String id, String tenant, Instant startedAt, Instant finishedAt,
            List<DryRun.Outcome> outcomes, Map<String, Long> pulled, List<String> errors,
            Map<String, Long> sourceCalls, int requestsPerMinute, int burst, String budget) {
        Map<String, DryRun.Outcome> byRecord = new TreeMap<>();
        outcomes.forEach(o -> byRecord.put(o.record(), o));
        Map<String, List<DryRun.Outcome>> byKind = byRecord.values().stream()
                .collect(Collectors.groupingBy(o -> kindOf(o.record()), TreeMap::new, Collectors.toList()));
        pulled.keySet().forEach(k -> byKind.computeIfAbsent(k, x -> List.of()));

        List<ReadinessReport.Kind> kinds = new ArrayList<>();
        Map<String, Long> callsByPath = new TreeMap<>();
        long calls = 0;
        for (Map.Entry<String, List<DryRun.Outcome>> entry : byKind.entrySet()) {
            List<String> creates = new ArrayList<>();
            Map<String, List<String>> refused = new TreeMap<>();
            Map<String, List<String>> parked = new TreeMap<>();
            for (DryRun.Outcome o : entry.getValue()) {
                switch (o.fate()) {
                    case CREATE -> {
                        creates.add(o.record());
                        calls++;
                        callsByPath.merge(o.path(), 1L, Long::sum);
                    }
                    case REFUSE -> refused.computeIfAbsent(o.reason(), r -> new ArrayList<>()).add(o.record());
                    case PARK -> parked.computeIfAbsent(o.waitingFor(), r -> new ArrayList<>()).add(o.record());
                }
            }
            List<ReadinessReport.Refusals> refusals = refused.entrySet().stream()
                    .map(e -> new ReadinessReport.Refusals(e.getKey(), e.getValue().size(), e.getValue()))
                    .sorted(Comparator.comparingLong(ReadinessReport.Refusals::count).reversed()).toList();
            List<ReadinessReport.Parked> parkedGroups = parked.entrySet().stream()
                    .map(e -> new ReadinessReport.Parked(e.getKey(), rootOf(e.getKey(), byRecord, new HashSet<>())
                            != null, e.getValue().size(), e.getValue()))
                    .toList();
            kinds.add(new ReadinessReport.Kind(entry.getKey(), pulled.getOrDefault(entry.getKey(), 0L),
                    creates.size(), refused.values().stream().mapToLong(List::size).sum(),
                    parked.values().stream().mapToLong(List::size).sum(), refusals, parkedGroups, creates));
        }
        long elapsedMs = Duration.between(startedAt, finishedAt).toMillis();
        Double pacing = requestsPerMinute <= 0 ? null : tenths(Math.max(0, calls - burst) * 60.0 / requestsPerMinute);
        // At a real budget the creates set the pace (60 a minute: an hour per 3,600 records) and the source reads are
        // a rounding error; the reads only matter when there is little to send. The dry run's own duration stands for
        // them: measured on a loaded or cold JVM it overstates them, so it is not added on top of the pacing.
        Double eta = pacing == null ? null : tenths(Math.max(pacing, elapsedMs / 1000.0));
        return new ReadinessReport(id, tenant, startedAt, finishedAt, elapsedMs,
                errors.isEmpty() ? ReadinessReport.READY : ReadinessReport.ERRORS, errors, kinds,
                chains(byRecord), dataQuality(byRecord.values()),
                new ReadinessReport.NovaMedForecast(calls, callsByPath, requestsPerMinute, budget, pacing, eta),
                sourceCalls);
    }

    private static double tenths(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }

    /** {@code nexhealth/provider} of {@code tenant/nexhealth/provider/1001}. */
    static String kindOf(String record) {
        String[] parts = record.split("/", 4);
        return parts.length < 4 ? "unknown" : parts[1] + "/" + parts[2];
    }

    /**
     * The record at the root of a parked record's chain when the chain can never complete (the root would be
     * refused, or is never pulled); null when the chain ends in a record that would be created.
     */
    private static String rootOf(String waitingFor, Map<String, DryRun.Outcome> byRecord, Set<String> seen) {
        DryRun.Outcome party = byRecord.get(waitingFor);
        if (party == null || party.fate() == DryRun.Fate.REFUSE || !seen.add(waitingFor)) {
            return waitingFor;
        }
        return party.fate() == DryRun.Fate.PARK ? rootOf(party.waitingFor(), byRecord, seen) : null;
    }

    private static List<ReadinessReport.Chain> chains(Map<String, DryRun.Outcome> byRecord) {
        Map<String, List<String>> waitingByRoot = new TreeMap<>();
        for (DryRun.Outcome o : byRecord.values()) {
            if (o.fate() == DryRun.Fate.PARK) {
                String root = rootOf(o.waitingFor(), byRecord, new HashSet<>());
                if (root != null) {
                    waitingByRoot.computeIfAbsent(root, r -> new ArrayList<>()).add(o.record());
                }
            }
        }
        return waitingByRoot.entrySet().stream().map(e -> {
            DryRun.Outcome root = byRecord.get(e.getKey());
            String reason = root == null ? "never pulled" : root.fate() == DryRun.Fate.REFUSE ? root.reason()
                    : "parks in a cycle";
            return new ReadinessReport.Chain(e.getKey(), reason, e.getValue());
        }).toList();
    }

    private static Map<String, Long> dataQuality(Collection<DryRun.Outcome> outcomes) {
        Map<String, Long> counts = new LinkedHashMap<>();
        DATA_QUALITY.forEach((name, check) -> counts.put(name, outcomes.stream()
                .filter(o -> o.fate() == DryRun.Fate.REFUSE && o.reason() != null && o.reason().startsWith(MAPPING))
                .filter(o -> check.test(o.reason().substring(MAPPING.length())))
                .count()));
        return counts;
    }
}
