package io.medsync.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Paused tenants ({@code tenant_pause}), in the shared database so a pause holds on every replica and across
 * restarts. Scheduled and Kafka-triggered syncs skip a paused tenant.
 */
@ApplicationScoped
public class TenantPauses {

    private final DataSource dataSource;

    TenantPauses(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return false when the tenant was already paused */
    public boolean pause(String tenantId, String by) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "insert into tenant_pause (tenant_id, paused_by, paused_at) values (?, ?, ?)")) {
            ps.setString(1, tenantId);
            ps.setString(2, by);
            ps.setTimestamp(3, Timestamp.from(Instant.now()));
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UniqueKeyViolation.is(e)) {
                return false;
            }
            throw new LedgerException("cannot pause tenant " + tenantId, e);
        }
    }

    /** @return false when the tenant was not paused */
    public boolean resume(String tenantId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("delete from tenant_pause where tenant_id = ?")) {
            ps.setString(1, tenantId);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new LedgerException("cannot resume tenant " + tenantId, e);
        }
    }

    public boolean paused(String tenantId) {
        return pausedTenants().contains(tenantId);
    }

    public Set<String> pausedTenants() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select tenant_id from tenant_pause");
                ResultSet rs = ps.executeQuery()) {
            Set<String> paused = new HashSet<>();
            while (rs.next()) {
                paused.add(rs.getString(1));
            }
            return paused;
        } catch (SQLException e) {
            throw new LedgerException("cannot read paused tenants", e);
        }
    }
}
