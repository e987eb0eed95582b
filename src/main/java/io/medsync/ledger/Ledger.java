package io.medsync.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.medsync.crypto.SealedPayload;

/**
 * The durable record ledger: one row per source record. Every state change is committed (with the Kafka outbox event
 * that reports it) before the call that made it returns, so the ledger always says what happened before the next
 * side effect; concurrent workers' changes may share a commit ({@link GroupCommit}).
 */
@ApplicationScoped
public class Ledger {

    private static final int MAX_ERROR_LENGTH = 512;
    /** Longer than any NovaMed call with all its retries can take. */
    private static final java.time.Duration STALE_IN_FLIGHT = java.time.Duration.ofMinutes(10);

    private final DataSource dataSource;
    private final Outbox outbox;
    private final Clock clock;
    private final GroupCommit commits;

    @Inject
    Ledger(DataSource dataSource, Outbox outbox) {
        this(dataSource, outbox, Clock.systemUTC());
    }

    Ledger(DataSource dataSource, Outbox outbox, Clock clock) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.clock = clock;
        this.commits = new GroupCommit(dataSource);
    }

    /**
     * Decides what to do with a freshly pulled record and records the decision: new records are inserted as
     * pending, retried ones go back to pending with the new hash, drift is marked.
     */
    public Verdict check(RecordKey key, String contentHash) {
        Optional<LedgerEntry> existing = find(key);
        if (existing.isEmpty()) {
            try {
                insertPending(key, contentHash);
                return Verdict.NEW;
            } catch (DuplicateRecordException raced) {
                existing = find(key);
            }
        }
        LedgerEntry entry = existing.orElseThrow();
        return switch (entry.state()) {
            case DELIVERED -> {
                if (entry.contentHash().equals(contentHash)) {
                    yield Verdict.UNCHANGED;
                }
                if (ContentHash.isOlderVersion(entry.contentHash())) {
                    rebaseline(key, contentHash); // an older mapping hashed it: no news about the source
                    yield Verdict.UNCHANGED;
                }
                markDrifted(key, contentHash);
                yield Verdict.DRIFTED;
            }
            case DRIFTED -> {
                if (contentHash.equals(entry.driftedHash()) || contentHash.equals(entry.contentHash())) {
                    yield Verdict.UNCHANGED;
                }
                if (ContentHash.isOlderVersion(entry.driftedHash())) {
                    markDrifted(key, contentHash); // known drift, re-hashed by the current mapping: not counted again
                    yield Verdict.UNCHANGED;
                }
                markDrifted(key, contentHash);
                yield Verdict.DRIFTED;
            }
            // A failed record is retried only when its content changed: resending the same bad payload wastes the
            // partner's rate budget. Operators replay unchanged failures explicitly.
            case FAILED -> {
                if (entry.contentHash().equals(contentHash)) {
                    yield Verdict.UNRESOLVED;
                }
                resetToPending(key, contentHash);
                yield Verdict.RETRY;
            }
            // Not delivered yet: another attempt; markInFlight lets only one worker through.
            case PENDING -> {
                resetToPending(key, contentHash);
                yield Verdict.RETRY;
            }
            // Being delivered right now by another worker or replica, unless it has been in flight for so long that
            // its worker must be gone (start-up recovery settles those of a crashed process at once).
            case IN_FLIGHT -> {
                if (entry.updatedAt().isAfter(clock.instant().minus(STALE_IN_FLIGHT))) {
                    yield Verdict.UNCHANGED;
                }
                resetToPending(key, contentHash);
                yield Verdict.RETRY;
            }
            // Waiting for its dependency, which releases it; a changed record gets a fresh look.
            case PARKED -> {
                if (entry.contentHash().equals(contentHash)) {
                    yield Verdict.UNRESOLVED;
                }
                resetToPending(key, contentHash);
                yield Verdict.RETRY;
            }
            // Only an operator may decide whether NovaMed got it.
            case IN_DOUBT -> Verdict.UNRESOLVED;
        };
    }

    /**
     * The ledger work of a whole source page, done once: one query (the page's ids as one array) reads what
     * the ledger holds for the page's keys, and the keys it does not know are inserted as pending in one
     * transaction. Pending rows mean "not sent yet", so a crash after this commit only leaves records the next run
     * retries. {@link #check(RecordKey, String, LedgerPage)} then decides each record without a query when it can.
     *
     * @param contentHashes the page's records and their content hashes (in page order)
     */
    public LedgerPage preparePage(Map<RecordKey, String> contentHashes) {
        if (contentHashes.isEmpty()) {
            return LedgerPage.EMPTY;
        }
        Map<RecordKey, LedgerEntry> known = findAll(contentHashes.keySet());
        Map<RecordKey, String> unknown = new java.util.LinkedHashMap<>(contentHashes);
        unknown.keySet().removeAll(known.keySet());
        return new LedgerPage(known, insertAllPending(unknown));
    }

    /**
     * {@link #check(RecordKey, String)} with the page's prefetched state: a record the page inserted is NEW, a
     * record whose prefetched state already settles it (unchanged delivered, drifted, failed or parked content, in
     * doubt) is answered without a query; any other (a changed record, pending or in flight) goes through the full
     * check, which reads the row again.
     */
    public Verdict check(RecordKey key, String contentHash, LedgerPage page) {
        if (page.takeInserted(key)) {
            return Verdict.NEW;
        }
        return page.settled(key, contentHash).orElseGet(() -> check(key, contentHash));
    }

    /** The rows of one tenant's source resource whose ids are in an array parameter, each found by the key index. */
    static final String PAGE_ROWS = "select l.* from unnest(?) as ids(source_id) join ledger_record l"
            + " on l.tenant_id = ? and l.source_system = ? and l.resource_type = ? and l.source_id = ids.source_id";

    /** The ledger rows of {@code keys}, by key; keys without a row are absent. */
    public Map<RecordKey, LedgerEntry> findAll(java.util.Collection<RecordKey> keys) {
        Map<RecordKey, LedgerEntry> found = new java.util.HashMap<>();
        Map<List<String>, List<RecordKey>> groups = new java.util.LinkedHashMap<>();
        for (RecordKey key : keys) {
            groups.computeIfAbsent(List.of(key.tenantId(), key.sourceSystem().name(), key.resourceType().name()),
                    g -> new ArrayList<>()).add(key);
        }
        try (Connection c = dataSource.getConnection()) {
            for (Map.Entry<List<String>, List<RecordKey>> group : groups.entrySet()) {
                // A join on the page's ids, not "source_id in (…)": H2 used the key index only for its three
                // leading columns and tested the IN list on every row of the tenant's resource, so each page
                // scanned the whole tenant (quadratic in its size). The join looks each id up in the index.
                try (PreparedStatement ps = c.prepareStatement(PAGE_ROWS)) {
                    ps.setArray(1, c.createArrayOf("varchar",
                            group.getValue().stream().map(RecordKey::sourceId).toArray(String[]::new)));
                    List<String> g = group.getKey();
                    for (int i = 0; i < 3; i++) {
                        ps.setString(i + 2, g.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            LedgerEntry entry = toEntry(rs);
                            found.put(entry.key(), entry);
                        }
                    }
                }
            }
            return found;
        } catch (SQLException e) {
            throw new LedgerException("cannot read the ledger rows of a page", e);
        }
    }

    /**
     * Inserts the records as pending in one transaction. When another worker inserted one of them meanwhile, the
     * batch is rolled back and nothing is taken over: each record then goes through its own check.
     */
    private java.util.Set<RecordKey> insertAllPending(Map<RecordKey, String> contentHashes) {
        if (contentHashes.isEmpty()) {
            return java.util.Set.of();
        }
        Timestamp now = now();
        try {
            return JdbcTransaction.run(dataSource, c -> {
                try (PreparedStatement ps = c.prepareStatement(INSERT_PENDING)) {
                    for (Map.Entry<RecordKey, String> record : contentHashes.entrySet()) {
                        bindKey(ps, 1, record.getKey());
                        ps.setString(5, record.getValue());
                        ps.setString(6, RecordState.PENDING.name());
                        ps.setTimestamp(7, now);
                        ps.setTimestamp(8, now);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return java.util.Set.copyOf(contentHashes.keySet());
            });
        } catch (SQLException e) {
            if (UniqueKeyViolation.is(e)) {
                return java.util.Set.of();
            }
            throw new LedgerException("cannot insert the pending records of a page", e);
        }
    }

    /**
     * Committed before the NovaMed call, with the payload, so a crash leaves a record that can be re-checked. Only
     * a pending record moves: when two workers race for one record (a webhook and the scheduled sync, say), the
     * second gets {@link ConcurrentDeliveryException} instead of sending it again.
     */
    public void markInFlight(RecordKey key, SealedPayload payload) {
        Timestamp now = now();
        try {
            commits.run(c -> {
                try (PreparedStatement ps = c.prepareStatement("update ledger_record set state = ?,"
                        + " attempts = attempts + 1, payload_key_id = ?, payload = ?, blocked_on = null, updated_at = ?"
                        + " where " + KEY_WHERE + " and state = ?")) {
                    ps.setString(1, RecordState.IN_FLIGHT.name());
                    ps.setString(2, payload.keyId());
                    ps.setString(3, payload.ciphertext());
                    ps.setTimestamp(4, now);
                    bindKey(ps, 5, key);
                    ps.setString(9, RecordState.PENDING.name());
                    if (ps.executeUpdate() != 1) {
                        throw new ConcurrentDeliveryException(key);
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            throw new LedgerException("cannot update " + key, e);
        }
    }

    /** Delivered records no longer need their payload: PHI is kept only as long as it serves a retry. */
    public void markDelivered(RecordKey key, String novaMedId) {
        Timestamp now = now();
        update(key, "update ledger_record set state = ?, novamed_id = ?, last_error = null, last_http_status = null,"
                + " payload_key_id = null, payload = null, blocked_on = null, updated_at = ?, delivered_at = ? where "
                + KEY_WHERE, RecordState.DELIVERED.name(), novaMedId, now, now);
    }

    /** Waits for {@code dependency} to be delivered; {@link #parkedOn} finds it again then. */
    public void markParked(RecordKey key, RecordKey dependency, String reason, SealedPayload payload) {
        update(key, "update ledger_record set state = ?, blocked_on = ?, last_error = ?, payload_key_id = ?, payload = ?,"
                + " updated_at = ? where " + KEY_WHERE, RecordState.PARKED.name(), dependency.toString(),
                truncate(reason), payload.keyId(), payload.ciphertext(), now());
    }

    /** The create may or may not have reached NovaMed; never resent without an operator's decision. */
    public void markInDoubt(RecordKey key, String reason, Integer httpStatus) {
        update(key, "update ledger_record set state = ?, last_error = ?, last_http_status = ?, updated_at = ? where "
                + KEY_WHERE, RecordState.IN_DOUBT.name(), truncate(reason), httpStatus, now());
    }

    /** Makes the next ledger check answer RETRY: used by replay and by releasing parked or in-doubt records. */
    public void release(RecordKey key) {
        update(key, "update ledger_record set state = ?, blocked_on = null, updated_at = ? where " + KEY_WHERE,
                RecordState.PENDING.name(), now());
    }

    public List<LedgerEntry> parkedOn(RecordKey dependency) {
        return query("select * from ledger_record where tenant_id = ? and blocked_on = ? and state = ?",
                dependency.tenantId(), dependency.toString(), RecordState.PARKED.name());
    }

    public List<LedgerEntry> inState(RecordState state, String tenantId, int limit) {
        return tenantId == null
                ? query("select * from ledger_record where state = ? order by id fetch first " + limit + " rows only",
                        state.name())
                : query("select * from ledger_record where state = ? and tenant_id = ? order by id fetch first "
                        + limit + " rows only", state.name(), tenantId);
    }

    public Optional<LedgerEntry> findById(long id) {
        return query("select * from ledger_record where id = ?", id).stream().findFirst();
    }

    public Optional<SealedPayload> storedPayload(RecordKey key) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select payload_key_id, payload from ledger_record where " + KEY_WHERE)) {
            bindKey(ps, 1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(2) != null
                        ? Optional.of(new SealedPayload(rs.getString(1), rs.getString(2)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot read the payload of " + key, e);
        }
    }

    private List<LedgerEntry> query(String sql, Object... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            List<LedgerEntry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(toEntry(rs));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new LedgerException("cannot query the ledger", e);
        }
    }

    /** Marks the record failed without a dead letter: for the ledger's own tests (the pipeline uses failRecord). */
    void markFailed(RecordKey key, String reason, Integer httpStatus) {
        try {
            JdbcTransaction.run(dataSource, c -> markFailed(c, key, reason, httpStatus));
        } catch (SQLException e) {
            throw new LedgerException("cannot update " + key, e);
        }
    }

    /**
     * Marks the record failed, with its outcome event, in the caller's transaction (where its dead letter is
     * written: the two commit together, or a crash between them would leave a failed record nothing replays).
     *
     * @param reason names fields and rules, never values: it is shown to operators and may be logged.
     * @return the record's delivery attempts
     */
    int markFailed(Connection c, RecordKey key, String reason, Integer httpStatus) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update ledger_record set state = ?, last_error = ?,"
                + " last_http_status = ?, updated_at = ? where " + KEY_WHERE)) {
            ps.setString(1, RecordState.FAILED.name());
            ps.setString(2, truncate(reason));
            ps.setObject(3, httpStatus);
            ps.setObject(4, now());
            bindKey(ps, 5, key);
            if (ps.executeUpdate() != 1) {
                throw new LedgerException("no ledger row for " + key, null);
            }
        }
        outbox.deliveryOutcome(c, key);
        try (PreparedStatement ps = c.prepareStatement("select attempts from ledger_record where " + KEY_WHERE)) {
            bindKey(ps, 1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private void markDrifted(RecordKey key, String contentHash) {
        update(key, "update ledger_record set state = ?, drifted_hash = ?, updated_at = ? where " + KEY_WHERE,
                RecordState.DRIFTED.name(), contentHash, now());
    }

    /** The same delivered record under the hash of the current mapping version. */
    private void rebaseline(RecordKey key, String contentHash) {
        // updated_at stays: retention counts from the delivery, not from a re-hash.
        update(key, "update ledger_record set content_hash = ? where " + KEY_WHERE, contentHash);
    }

    private void resetToPending(RecordKey key, String contentHash) {
        update(key, "update ledger_record set state = ?, content_hash = ?, updated_at = ? where " + KEY_WHERE,
                RecordState.PENDING.name(), contentHash, now());
    }

    /** The crosswalk: the NovaMed id of a delivered (or drifted) source record. */
    public Optional<String> novaMedId(RecordKey key) {
        return find(key)
                .filter(e -> e.state() == RecordState.DELIVERED || e.state() == RecordState.DRIFTED)
                .map(LedgerEntry::novaMedId);
    }

    /** The record NovaMed knows as {@code novaMedId} (the reverse crosswalk), e.g. for a NovaMed webhook. */
    public Optional<LedgerEntry> findByNovaMedId(ResourceType type, String novaMedId) {
        return query("select * from ledger_record where resource_type = ? and novamed_id = ? order by id",
                type.name(), novaMedId).stream().findFirst();
    }

    public Optional<LedgerEntry> find(RecordKey key) {
        return query("select * from ledger_record where " + KEY_WHERE, key.tenantId(), key.sourceSystem().name(),
                key.resourceType().name(), key.sourceId()).stream().findFirst();
    }

    /** Counts per tenant, resource and state: what the ops API reports. */
    public List<StateCount> countAll() {
        List<StateCount> counts = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select tenant_id, resource_type, state, count(*) from"
                        + " ledger_record group by tenant_id, resource_type, state order by 1, 2, 3");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.add(new StateCount(rs.getString(1), ResourceType.valueOf(rs.getString(2)),
                        RecordState.valueOf(rs.getString(3)), rs.getLong(4)));
            }
            return counts;
        } catch (SQLException e) {
            throw new LedgerException("cannot count ledger records", e);
        }
    }

    public record StateCount(String tenantId, ResourceType resourceType, RecordState state, long count) {
    }

    public Map<RecordState, Long> countByState(String tenantId, ResourceType type) {
        Map<RecordState, Long> counts = new EnumMap<>(RecordState.class);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select state, count(*) from ledger_record"
                        + " where tenant_id = ? and resource_type = ? group by state")) {
            ps.setString(1, tenantId);
            ps.setString(2, type.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(RecordState.valueOf(rs.getString(1)), rs.getLong(2));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new LedgerException("cannot count records of tenant " + tenantId, e);
        }
    }

    private void insertPending(RecordKey key, String contentHash) {
        Timestamp now = now();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(INSERT_PENDING)) {
            bindKey(ps, 1, key);
            ps.setString(5, contentHash);
            ps.setString(6, RecordState.PENDING.name());
            ps.setTimestamp(7, now);
            ps.setTimestamp(8, now);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (UniqueKeyViolation.is(e)) {
                throw new DuplicateRecordException();
            }
            throw new LedgerException("cannot insert " + key, e);
        }
    }

    private static final String INSERT_PENDING = "insert into ledger_record (tenant_id, source_system, resource_type,"
            + " source_id, content_hash, state, attempts, created_at, updated_at) values (?, ?, ?, ?, ?, ?, 0, ?, ?)";

    private static final String KEY_WHERE = "tenant_id = ? and source_system = ? and resource_type = ? and source_id = ?";

    /**
     * A state transition, committed together with the outbox event that reports it (the outbox reports delivered,
     * failed, in-doubt and drifted records): Kafka never hears of a state the ledger does not hold.
     */
    private void update(RecordKey key, String sql, Object... values) {
        try {
            commits.run(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int i = 0; i < values.length; i++) {
                        ps.setObject(i + 1, values[i]);
                    }
                    bindKey(ps, values.length + 1, key);
                    if (ps.executeUpdate() != 1) {
                        throw new LedgerException("no ledger row for " + key, null);
                    }
                }
                outbox.deliveryOutcome(c, key);
                return null;
            });
        } catch (SQLException e) {
            throw new LedgerException("cannot update " + key, e);
        }
    }

    private static void bindKey(PreparedStatement ps, int first, RecordKey key) throws SQLException {
        ps.setString(first, key.tenantId());
        ps.setString(first + 1, key.sourceSystem().name());
        ps.setString(first + 2, key.resourceType().name());
        ps.setString(first + 3, key.sourceId());
    }

    static LedgerEntry toEntry(ResultSet rs) throws SQLException {
        RecordKey key = new RecordKey(rs.getString("tenant_id"), SourceSystem.valueOf(rs.getString("source_system")),
                ResourceType.valueOf(rs.getString("resource_type")), rs.getString("source_id"));
        int status = rs.getInt("last_http_status");
        Integer httpStatus = rs.wasNull() ? null : status;
        return new LedgerEntry(rs.getLong("id"), key, rs.getString("content_hash"), rs.getString("drifted_hash"),
                rs.getString("novamed_id"), RecordState.valueOf(rs.getString("state")), rs.getInt("attempts"),
                rs.getString("last_error"), httpStatus, instant(rs, "created_at"), instant(rs, "updated_at"),
                instant(rs, "delivered_at"), rs.getString("blocked_on"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static String truncate(String reason) {
        return reason == null || reason.length() <= MAX_ERROR_LENGTH ? reason : reason.substring(0, MAX_ERROR_LENGTH);
    }

    private static final class DuplicateRecordException extends RuntimeException {
        DuplicateRecordException() {
            super(null, null, false, false);
        }
    }
}
