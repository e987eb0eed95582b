package io.medsync.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.medsync.crypto.SealedPayload;


/** Dead letters in the ledger database: stored with reason and encrypted payload, listed, closed and pruned. */
@ApplicationScoped
public class DeadLetterStore {

    private static final int MAX_REASON_LENGTH = 1024;

    private final DataSource dataSource;
    private final Outbox outbox;

    DeadLetterStore(DataSource dataSource, Outbox outbox) {
        this.dataSource = dataSource;
        this.outbox = outbox;
    }

    /** @return the new dead letter's id */
    public long add(RecordKey key, String stage, String reason, Integer httpStatus, int attempts,
            SealedPayload payload, Long replayOf) {
        try {
            return JdbcTransaction.run(dataSource, c -> insert(c, key, stage, reason, httpStatus, attempts, payload,
                    replayOf));
        } catch (SQLException e) {
            throw new LedgerException("cannot store a dead letter for " + key, e);
        }
    }

    /**
     * A record given up on: marked failed in the ledger and dead-lettered in one transaction, so that every failed
     * record has its dead letter (with the reason, for the operator and a replay).
     *
     * @return the new dead letter's id
     */
    public long failRecord(Ledger ledger, RecordKey key, String stage, String reason, Integer httpStatus,
            SealedPayload payload, Long replayOf) {
        try {
            return JdbcTransaction.run(dataSource, c -> insert(c, key, stage, reason, httpStatus,
                    ledger.markFailed(c, key, reason, httpStatus), payload, replayOf));
        } catch (SQLException e) {
            throw new LedgerException("cannot store the failure and dead letter of " + key, e);
        }
    }

    /** Adds a dead letter in the caller's transaction, so it commits with whatever gives the record up. */
    long add(Connection c, RecordKey key, String stage, String reason, int attempts) throws SQLException {
        return insert(c, key, stage, reason, null, attempts, null, null);
    }

    /**
     * The dead letter and its notice for Kafka commit together. The record's earlier open dead letter (a replayed
     * one, or one from an earlier failure) is closed in the same transaction: one open dead letter per record.
     */
    private long insert(Connection c, RecordKey key, String stage, String reason, Integer httpStatus, int attempts,
            SealedPayload payload, Long replayOf) throws SQLException {
        Instant now = Instant.now();
        if (replayOf != null) {
            List<Object> replayed = new ArrayList<>(keyValues(key));
            replayed.add(replayOf);
            closeOpen(c, KEY_WHERE + " and id = ?", replayed, DeadLetter.Status.REPLAYED, now);
        }
        closeOpen(c, KEY_WHERE, keyValues(key), DeadLetter.Status.SUPERSEDED, now);
        try (PreparedStatement ps = c.prepareStatement("insert into dead_letter (tenant_id, source_system,"
                + " resource_type, source_id, stage, reason, http_status, attempts, status, replay_of,"
                + " payload_key_id, payload, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, key.tenantId());
            ps.setString(2, key.sourceSystem().name());
            ps.setString(3, key.resourceType().name());
            ps.setString(4, key.sourceId());
            ps.setString(5, stage);
            ps.setString(6, reason.length() <= MAX_REASON_LENGTH ? reason : reason.substring(0, MAX_REASON_LENGTH));
            ps.setObject(7, httpStatus);
            ps.setInt(8, attempts);
            ps.setString(9, DeadLetter.Status.OPEN.name());
            ps.setObject(10, replayOf);
            ps.setString(11, payload == null ? null : payload.keyId());
            ps.setString(12, payload == null ? null : payload.ciphertext());
            ps.setTimestamp(13, Timestamp.from(now));
            ps.executeUpdate();
            long id;
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
            outbox.deadLetter(c, id, key, stage, httpStatus, now);
            return id;
        }
    }

    public Optional<DeadLetter> find(long id) {
        return query("select * from dead_letter where id = ?", List.of(id)).stream().findFirst();
    }

    public Optional<SealedPayload> payload(long id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select payload_key_id, payload from dead_letter where id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(2) != null
                        ? Optional.of(new SealedPayload(rs.getString(1), rs.getString(2)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot read dead letter " + id, e);
        }
    }

    public List<DeadLetter> list(DeadLetterFilter filter) {
        StringBuilder sql = new StringBuilder("select * from dead_letter where 1 = 1");
        List<Object> values = new ArrayList<>();
        if (filter.tenantId() != null) {
            sql.append(" and tenant_id = ?");
            values.add(filter.tenantId());
        }
        if (filter.stage() != null) {
            sql.append(" and stage = ?");
            values.add(filter.stage());
        }
        if (filter.status() != null) {
            sql.append(" and status = ?");
            values.add(filter.status().name());
        }
        if (filter.since() != null) {
            sql.append(" and created_at >= ?");
            values.add(Timestamp.from(filter.since()));
        }
        if (filter.until() != null) {
            sql.append(" and created_at < ?");
            values.add(Timestamp.from(filter.until()));
        }
        sql.append(" order by id fetch first ").append(Math.max(1, filter.limit())).append(" rows only");
        return query(sql.toString(), values);
    }

    /** Closes an open dead letter; false if it was not open (already replayed or discarded, or unknown). */
    public boolean close(long id, DeadLetter.Status status) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("update dead_letter set status = ?, closed_at = ?"
                        + " where id = ? and status = ?")) {
            ps.setString(1, status.name());
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.setLong(3, id);
            ps.setString(4, DeadLetter.Status.OPEN.name());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new LedgerException("cannot close dead letter " + id, e);
        }
    }

    /**
     * A delivered record has nothing left to replay: its open dead letters are closed as resolved, except
     * {@code replaying} (the one being replayed, which its replay closes as replayed; may be null).
     *
     * @return how many were closed
     */
    public int resolve(RecordKey key, Long replaying) {
        List<Object> values = new ArrayList<>(keyValues(key));
        values.add(replaying == null ? -1L : replaying);
        try (Connection c = dataSource.getConnection()) {
            return closeOpen(c, KEY_WHERE + " and id <> ?", values, DeadLetter.Status.RESOLVED, Instant.now());
        } catch (SQLException e) {
            throw new LedgerException("cannot close the dead letters of " + key, e);
        }
    }

    private static final String KEY_WHERE = "tenant_id = ? and source_system = ? and resource_type = ? and source_id = ?";

    private static List<Object> keyValues(RecordKey key) {
        return List.of(key.tenantId(), key.sourceSystem().name(), key.resourceType().name(), key.sourceId());
    }

    /**
     * Found by the record's index first, then closed by id. Asked in one statement with {@code status = 'OPEN'}, H2
     * chose {@code ix_dead_letter_status} and read every open dead letter of the tenant, for every delivered record
     * (EXPLAIN on a bench ledger with 298 open ones; 4.8 % of medsync's CPU on H2), a cost that grew with the backlog.
     * Each update still requires the letter to be open, so one closed meanwhile is not closed twice.
     */
    private static int closeOpen(Connection c, String where, List<Object> values, DeadLetter.Status status,
            Instant now) throws SQLException {
        List<Long> open = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, status from dead_letter where " + where)) {
            for (int i = 0; i < values.size(); i++) {
                ps.setObject(i + 1, values.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (DeadLetter.Status.OPEN.name().equals(rs.getString("status"))) {
                        open.add(rs.getLong("id"));
                    }
                }
            }
        }
        if (open.isEmpty()) {
            return 0;
        }
        int closed = 0;
        try (PreparedStatement ps = c.prepareStatement("update dead_letter set status = ?, closed_at = ? where id = ?"
                + " and status = ?")) {
            for (long id : open) {
                ps.setString(1, status.name());
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setLong(3, id);
                ps.setString(4, DeadLetter.Status.OPEN.name());
                closed += ps.executeUpdate();
            }
        }
        return closed;
    }

    /** Deletes dead letters created before {@code cutoff}, open or not; returns how many. */
    public int pruneCreatedBefore(Instant cutoff) {
        try (Connection c = dataSource.getConnection()) {
            // Replays point at their originals: detach them first so old originals can go.
            try (PreparedStatement detach = c.prepareStatement("update dead_letter set replay_of = null where"
                    + " replay_of in (select id from dead_letter where created_at < ?)")) {
                detach.setTimestamp(1, Timestamp.from(cutoff));
                detach.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("delete from dead_letter where created_at < ?")) {
                ps.setTimestamp(1, Timestamp.from(cutoff));
                return ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot prune dead letters", e);
        }
    }

    /** Open dead letters per tenant: the backlog an operator has to look at. */
    public Map<String, Long> openBacklog() {
        Map<String, Long> backlog = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select tenant_id, count(*) from dead_letter where status = ?"
                        + " group by tenant_id order by tenant_id")) {
            ps.setString(1, DeadLetter.Status.OPEN.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    backlog.put(rs.getString(1), rs.getLong(2));
                }
            }
            return backlog;
        } catch (SQLException e) {
            throw new LedgerException("cannot count dead letters", e);
        }
    }

    private List<DeadLetter> query(String sql, List<Object> values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                ps.setObject(i + 1, values.get(i));
            }
            List<DeadLetter> letters = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    letters.add(toDeadLetter(rs));
                }
            }
            return letters;
        } catch (SQLException e) {
            throw new LedgerException("cannot query dead letters", e);
        }
    }

    private static DeadLetter toDeadLetter(ResultSet rs) throws SQLException {
        RecordKey key = new RecordKey(rs.getString("tenant_id"), SourceSystem.valueOf(rs.getString("source_system")),
                ResourceType.valueOf(rs.getString("resource_type")), rs.getString("source_id"));
        int status = rs.getInt("http_status");
        Integer httpStatus = rs.wasNull() ? null : status;
        long replayOf = rs.getLong("replay_of");
        Long replay = rs.wasNull() ? null : replayOf;
        Timestamp closed = rs.getTimestamp("closed_at");
        return new DeadLetter(rs.getLong("id"), key, rs.getString("stage"), rs.getString("reason"), httpStatus,
                rs.getInt("attempts"), DeadLetter.Status.valueOf(rs.getString("status")), replay,
                rs.getTimestamp("created_at").toInstant(), closed == null ? null : closed.toInstant());
    }
}
