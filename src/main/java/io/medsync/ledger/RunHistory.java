package io.medsync.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** Finished sync runs per tenant and source ({@code sync_run}): when, how it ended, and its counts. */
@ApplicationScoped
public class RunHistory {

    /** The count columns of {@code sync_run}, in summary order. */
    public static final List<String> COUNTS = List.of("pulled", "created", "linked", "unchanged", "still_failed", "drifted",
            "failed", "parked", "in_doubt", "novamed_calls");

    /**
     * One tenant's run of one source.
     *
     * @param outcome {@code ok}, or {@code errors} when a pull stopped early
     * @param counts  by {@link #COUNTS} column name
     * @param unread  entries of FHIR resource types medsync does not read, by type (empty: none)
     */
    public record Run(long id, String runId, String tenant, String source, Instant startedAt, Instant finishedAt,
            String outcome, Map<String, Long> counts, Map<String, Long> unread) {

        public Run(long id, String runId, String tenant, String source, Instant startedAt, Instant finishedAt,
                String outcome, Map<String, Long> counts) {
            this(id, runId, tenant, source, startedAt, finishedAt, outcome, counts, Map.of());
        }
    }

    /** Room for the unread types of one run; a run naming more types keeps those that fit (in name order). */
    private static final int UNREAD_COLUMN = 2000;

    private final DataSource dataSource;

    RunHistory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void add(Run run) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("insert into sync_run (run_id, tenant_id, source,"
                        + " started_at, finished_at, outcome, " + String.join(", ", COUNTS)
                        + ", unread_resources) values (?, ?, ?, ?, ?, ?" + ", ?".repeat(COUNTS.size()) + ", ?)")) {
            ps.setString(1, run.runId());
            ps.setString(2, run.tenant());
            ps.setString(3, run.source());
            ps.setTimestamp(4, Timestamp.from(run.startedAt()));
            ps.setTimestamp(5, Timestamp.from(run.finishedAt()));
            ps.setString(6, run.outcome());
            for (int i = 0; i < COUNTS.size(); i++) {
                ps.setLong(7 + i, run.counts().getOrDefault(COUNTS.get(i), 0L));
            }
            ps.setString(7 + COUNTS.size(), unreadColumn(run.unread()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("cannot record the run of tenant " + run.tenant(), e);
        }
    }

    /** Newest first; {@code source} may be null for every source. */
    public List<Run> recent(String tenantId, String source, int limit) {
        String sql = "select * from sync_run where tenant_id = ?" + (source == null ? "" : " and source = ?")
                + " order by finished_at desc, id desc fetch first " + limit + " rows only";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenantId);
            if (source != null) {
                ps.setString(2, source);
            }
            List<Run> runs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Long> counts = new LinkedHashMap<>();
                    for (String column : COUNTS) {
                        counts.put(column, rs.getLong(column));
                    }
                    runs.add(new Run(rs.getLong("id"), rs.getString("run_id"), rs.getString("tenant_id"),
                            rs.getString("source"), rs.getTimestamp("started_at").toInstant(),
                            rs.getTimestamp("finished_at").toInstant(), rs.getString("outcome"), counts,
                            unread(rs.getString("unread_resources"))));
                }
            }
            return runs;
        } catch (SQLException e) {
            throw new LedgerException("cannot read the runs of tenant " + tenantId, e);
        }
    }

    /** "Observation=2,Organization=1", or null when nothing was left unread. */
    static String unreadColumn(Map<String, Long> unread) {
        StringBuilder column = new StringBuilder();
        for (Map.Entry<String, Long> e : new java.util.TreeMap<>(unread).entrySet()) {
            String item = (column.isEmpty() ? "" : ",") + e.getKey() + "=" + e.getValue();
            if (column.length() + item.length() <= UNREAD_COLUMN) {
                column.append(item);
            }
        }
        return column.isEmpty() ? null : column.toString();
    }

    static Map<String, Long> unread(String column) {
        Map<String, Long> byType = new LinkedHashMap<>();
        if (column != null) {
            for (String item : column.split(",")) {
                int eq = item.indexOf('=');
                byType.put(item.substring(0, eq), Long.parseLong(item.substring(eq + 1)));
            }
        }
        return byType;
    }

    public Optional<Run> last(String tenantId, String source) {
        return recent(tenantId, source, 1).stream().findFirst();
    }
}
