package io.medsync.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The ops audit trail ({@code ops_audit}): who did what through the ops API, and who read PHI. Names, endpoints,
 * record keys (ids) and outcomes only, never a payload.
 */
@ApplicationScoped
public class AuditLog {

    private static final int MAX_KEYS = 2000;
    private static final int MAX_ENDPOINT = 512;

    /** One audited request. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record Entry(long id, String actor, String role, String action, String endpoint, String recordKeys,
            String outcome, int httpStatus, Instant at) {
    }

    private final DataSource dataSource;

    AuditLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void record(String actor, String role, String action, String endpoint, List<String> recordKeys,
            int httpStatus) {
        String keys = recordKeys.isEmpty() ? null : String.join(",", recordKeys);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("insert into ops_audit (actor, role, action, endpoint,"
                        + " record_keys, outcome, http_status, at) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, actor);
            ps.setString(2, role);
            ps.setString(3, action);
            ps.setString(4, cut(endpoint, MAX_ENDPOINT));
            ps.setString(5, keys == null ? null : cut(keys, MAX_KEYS));
            ps.setString(6, outcome(httpStatus));
            ps.setInt(7, httpStatus);
            ps.setTimestamp(8, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("cannot write the audit trail", e);
        }
    }

    /** Newest first; {@code since} and {@code actor} may be null. */
    public List<Entry> list(Instant since, String actor, int limit) {
        StringBuilder sql = new StringBuilder("select * from ops_audit where 1 = 1");
        List<Object> values = new ArrayList<>();
        if (since != null) {
            sql.append(" and at >= ?");
            values.add(Timestamp.from(since));
        }
        if (actor != null) {
            sql.append(" and actor = ?");
            values.add(actor);
        }
        sql.append(" order by id desc fetch first ").append(limit).append(" rows only");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < values.size(); i++) {
                ps.setObject(i + 1, values.get(i));
            }
            List<Entry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new Entry(rs.getLong("id"), rs.getString("actor"), rs.getString("role"),
                            rs.getString("action"), rs.getString("endpoint"), rs.getString("record_keys"),
                            rs.getString("outcome"), rs.getInt("http_status"), rs.getTimestamp("at").toInstant()));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new LedgerException("cannot read the audit trail", e);
        }
    }

    private static String outcome(int status) {
        if (status == 401 || status == 403) {
            return "denied";
        }
        return status < 400 ? "ok" : "failed";
    }

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
