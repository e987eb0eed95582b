package io.medsync.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

import io.medsync.ledger.RecordKey;
import io.medsync.ledger.ResourceType;

/** Counts of one sync cycle per tenant and resource; shared by the parallel delivery threads of a run. */
public final class SyncRun {

    /** One line of the summary. */
    public record Row(String tenant, String resource, Map<SyncOutcome, Long> counts) {
        public long get(SyncOutcome outcome) {
            return counts.getOrDefault(outcome, 0L);
        }
    }

    /** A pull that stopped early; {@code message} carries ids and statuses only. */
    public record RunError(String tenant, String resource, String message) {
    }

    private record Scope(String tenant, ResourceType resource) {
    }

    private final String id = UUID.randomUUID().toString();
    private final Instant startedAt = Instant.now();
    private volatile Instant finishedAt;
    private final Map<Scope, Map<SyncOutcome, LongAdder>> counts = new ConcurrentHashMap<>();
    private final List<RunError> errors = new CopyOnWriteArrayList<>();
    private final List<String> skipped = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> unavailable = ConcurrentHashMap.newKeySet();
    /** Entries of FHIR resource types medsync does not read, by "tenant/source" and type: types and counts only. */
    private final Map<String, Map<String, LongAdder>> unread = new ConcurrentHashMap<>();
    /** Tenants whose sync met the ledger database down (kept apart from the partners: it is our own store). */
    private final java.util.Set<String> storeDown = ConcurrentHashMap.newKeySet();
    /** Records counted as waiting (parked, still failed) in this run: a release in the run counts them again. */
    private final Map<RecordKey, SyncOutcome> waiting = new ConcurrentHashMap<>();

    /** Makes the tenant's resource appear in the summary even when nothing was pulled. */
    public void begin(String tenant, ResourceType resource) {
        counters(tenant, resource);
    }

    public void count(String tenant, ResourceType resource, SyncOutcome outcome) {
        counters(tenant, resource).get(outcome).increment();
    }

    /** Counts a record's outcome, remembering those that wait for another record. */
    public void count(RecordKey key, SyncOutcome outcome) {
        count(key.tenantId(), key.resourceType(), outcome);
        if (outcome == SyncOutcome.PARKED || outcome == SyncOutcome.STILL_FAILED) {
            waiting.put(key, outcome);
        }
    }

    /**
     * A parked record was released in this run (its dependency was delivered): what its delivery does now (created,
     * mostly) is counted in this run, in place of the parked or still-failed it was counted as earlier in the run.
     */
    public void released(RecordKey key) {
        SyncOutcome before = waiting.remove(key);
        if (before != null) {
            counters(key.tenantId(), key.resourceType()).get(before).decrement();
        }
    }

    private Map<SyncOutcome, LongAdder> counters(String tenant, ResourceType resource) {
        return counts.computeIfAbsent(new Scope(tenant, resource), s -> {
            Map<SyncOutcome, LongAdder> m = new EnumMap<>(SyncOutcome.class);
            for (SyncOutcome o : SyncOutcome.values()) {
                m.put(o, new LongAdder());
            }
            return m;
        });
    }

    public void error(String tenant, ResourceType resource, String message) {
        errors.add(new RunError(tenant, resource.label(), message));
    }

    /** A partner of the tenant did not answer: the tenant's pulls stop taking new records (cursors stay). */
    public void partnerUnavailable(String tenant, String partner) {
        unavailable.add(tenant + "/" + partner);
    }

    /** True when some record of the tenant waits for a partner that did not answer in this run. */
    public boolean partnerUnavailable(String tenant) {
        return unavailable.stream().anyMatch(u -> u.startsWith(tenant + "/"));
    }

    /** "tenant/partner" of every partner that did not answer, sorted. */
    public List<String> unavailablePartners() {
        return unavailable.stream().sorted().toList();
    }

    /**
     * A page of the source held entries of resource types medsync does not read (an Observation in a search, an
     * Organization in a message): the run tells the operator once, by type, instead of a problem per entry.
     */
    public void unread(String tenant, String source, Map<String, Integer> byType) {
        if (byType.isEmpty()) {
            return;
        }
        Map<String, LongAdder> counts = unread.computeIfAbsent(tenant + "/" + source, s -> new ConcurrentHashMap<>());
        byType.forEach((type, n) -> counts.computeIfAbsent(type, t -> new LongAdder()).add(n));
    }

    /** The unread entries of one tenant's source, by type in name order (empty: none). */
    public Map<String, Long> unread(String tenant, String source) {
        Map<String, Long> byType = new TreeMap<>();
        unread.getOrDefault(tenant + "/" + source, Map.of()).forEach((type, n) -> byType.put(type, n.sum()));
        return byType;
    }

    /** Every "tenant/source" whose pages held entries medsync does not read, sorted, with their counts by type. */
    public Map<String, Map<String, Long>> unreadResources() {
        Map<String, Map<String, Long>> all = new TreeMap<>();
        unread.keySet().forEach(scope -> {
            int slash = scope.indexOf('/');
            all.put(scope, unread(scope.substring(0, slash), scope.substring(slash + 1)));
        });
        return all;
    }

    /**
     * The ledger database did not answer during the tenant's sync: its pulls stop taking records (cursors stay, the
     * records it had stay as the ledger has them). @return true for the first tenant of the run to meet it
     */
    public boolean storeUnavailable(String tenant) {
        synchronized (storeDown) {
            boolean first = storeDown.isEmpty();
            return storeDown.add(tenant) && first;
        }
    }

    /** True once some sync of this run met the ledger database down. */
    public boolean storeUnavailable() {
        return !storeDown.isEmpty();
    }

    /** True when the tenant's sync met the ledger database down in this run. */
    public boolean storeUnavailableFor(String tenant) {
        return storeDown.contains(tenant);
    }

    /** Tenants whose sync met the ledger database down, sorted. */
    public List<String> storeUnavailableTenants() {
        return storeDown.stream().sorted().toList();
    }

    /** True when the tenant's pulls must stop taking records: a partner or the ledger database did not answer. */
    public boolean takesNoMoreRecords(String tenant) {
        return partnerUnavailable(tenant) || storeUnavailableFor(tenant);
    }

    /** A tenant whose previous run was still going when this one was asked for. */
    public void skipped(String tenant) {
        skipped.add(tenant);
    }

    public void finish() {
        finishedAt = Instant.now();
    }

    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        counts.forEach((scope, m) -> {
            Map<SyncOutcome, Long> snapshot = new EnumMap<>(SyncOutcome.class);
            m.forEach((o, adder) -> snapshot.put(o, adder.sum()));
            rows.add(new Row(scope.tenant(), scope.resource().label(), snapshot));
        });
        rows.sort(Comparator.comparing(Row::tenant).thenComparing(r -> ResourceType.valueOf(r.resource().toUpperCase())));
        return rows;
    }

    /** One tenant's count of an outcome over all its resources so far; read while the run is going. */
    public long tenantTotal(String tenant, SyncOutcome outcome) {
        long sum = 0;
        for (Map.Entry<Scope, Map<SyncOutcome, LongAdder>> e : counts.entrySet()) {
            if (e.getKey().tenant().equals(tenant)) {
                sum += e.getValue().get(outcome).sum();
            }
        }
        return sum;
    }

    /** Errors of one tenant so far. */
    public long tenantErrors(String tenant) {
        return errors.stream().filter(e -> e.tenant().equals(tenant)).count();
    }

    public long total(SyncOutcome outcome) {
        return rows().stream().mapToLong(r -> r.get(outcome)).sum();
    }

    public String id() {
        return id;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Duration elapsed() {
        return Duration.between(startedAt, finishedAt == null ? Instant.now() : finishedAt);
    }

    public List<RunError> errors() {
        return List.copyOf(errors);
    }

    public List<String> skippedTenants() {
        return List.copyOf(skipped);
    }
}
