package io.medsync.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** Read-only views of the ledger for operators: a filtered record list, and per tenant and source backlogs. */
@ApplicationScoped
public class LedgerBrowser {

    /**
     * Which records to list; every field but {@code limit} may be null.
     *
     * @param after keyset paging: only records with a larger id (the previous page's {@code next_cursor})
     */
    public record Filter(String tenant, SourceSystem source, ResourceType kind, RecordState state, Instant since,
            Long after, int limit) {
    }

    /** Where an incremental pull stands for one resource and scope. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record Cursor(String resource, String scope, Instant watermark, boolean resuming) {
    }

    private final DataSource dataSource;

    LedgerBrowser(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Oldest id first, so {@code after} pages through a stable order. */
    public List<LedgerEntry> browse(Filter filter) {
        StringBuilder sql = new StringBuilder("select * from ledger_record where 1 = 1");
        List<Object> values = new ArrayList<>();
        where(sql, values, "tenant_id = ?", filter.tenant());
        where(sql, values, "source_system = ?", filter.source() == null ? null : filter.source().name());
        where(sql, values, "resource_type = ?", filter.kind() == null ? null : filter.kind().name());
        where(sql, values, "state = ?", filter.state() == null ? null : filter.state().name());
        where(sql, values, "updated_at >= ?", filter.since() == null ? null : Timestamp.from(filter.since()));
        where(sql, values, "id > ?", filter.after());
        sql.append(" order by id fetch first ").append(filter.limit()).append(" rows only");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < values.size(); i++) {
                ps.setObject(i + 1, values.get(i));
            }
            List<LedgerEntry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(Ledger.toEntry(rs));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new LedgerException("cannot browse the ledger", e);
        }
    }

    private static void where(StringBuilder sql, List<Object> values, String condition, Object value) {
        if (value != null) {
            sql.append(" and ").append(condition);
            values.add(value);
        }
    }

    /** A tenant's records from one source, by state. */
    public Map<RecordState, Long> countByState(String tenant, SourceSystem source) {
        Map<RecordState, Long> counts = new EnumMap<>(RecordState.class);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select state, count(*) from ledger_record"
                        + " where tenant_id = ? and source_system = ? group by state")) {
            ps.setString(1, tenant);
            ps.setString(2, source.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(RecordState.valueOf(rs.getString(1)), rs.getLong(2));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new LedgerException("cannot count records of tenant " + tenant, e);
        }
    }

    /** Open dead letters of a tenant's records from one source. */
    public long openDeadLetters(String tenant, SourceSystem source) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from dead_letter where tenant_id = ?"
                        + " and source_system = ? and status = ?")) {
            ps.setString(1, tenant);
            ps.setString(2, source.name());
            ps.setString(3, DeadLetter.Status.OPEN.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot count dead letters of tenant " + tenant, e);
        }
    }

    public List<Cursor> cursors(String tenant, SourceSystem source) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select resource_type, scope, watermark, page_cursor"
                        + " from sync_cursor where tenant_id = ? and source_system = ? order by resource_type, scope")) {
            ps.setString(1, tenant);
            ps.setString(2, source.name());
            List<Cursor> cursors = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp watermark = rs.getTimestamp(3);
                    cursors.add(new Cursor(ResourceType.valueOf(rs.getString(1)).label(), rs.getString(2),
                            watermark == null ? null : watermark.toInstant(), rs.getString(4) != null));
                }
            }
            return cursors;
        } catch (SQLException e) {
            throw new LedgerException("cannot read the cursors of tenant " + tenant, e);
        }
    }
}
