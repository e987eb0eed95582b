package io.medsync.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The readiness reports of go-live rehearsals ({@code dry_run_report}), stored as their JSON: ids, reasons and
 * counts, never PHI. Kept here, not in a file, so the report can be compared with the first real run after a
 * restart and from any replica.
 */
@ApplicationScoped
public class DryRunReports {

    /** A stored report and when its rehearsal finished. */
    public record Stored(String reportId, String tenant, Instant startedAt, Instant finishedAt, String outcome,
            String json) {
    }

    private final DataSource dataSource;

    DryRunReports(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void add(Stored report) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("insert into dry_run_report (report_id, tenant_id,"
                        + " started_at, finished_at, outcome, report) values (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, report.reportId());
            ps.setString(2, report.tenant());
            ps.setTimestamp(3, Timestamp.from(report.startedAt()));
            ps.setTimestamp(4, Timestamp.from(report.finishedAt()));
            ps.setString(5, report.outcome());
            ps.setString(6, report.json());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("cannot store the dry-run report of tenant " + report.tenant(), e);
        }
    }

    /** The tenant's latest report. */
    public Optional<Stored> latest(String tenantId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select * from dry_run_report where tenant_id = ?"
                        + " order by finished_at desc, id desc fetch first 1 rows only")) {
            ps.setString(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Stored(rs.getString("report_id"), rs.getString("tenant_id"),
                        rs.getTimestamp("started_at").toInstant(), rs.getTimestamp("finished_at").toInstant(),
                        rs.getString("outcome"), rs.getString("report")));
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot read the dry-run reports of tenant " + tenantId, e);
        }
    }
}
