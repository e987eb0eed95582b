package io.medsync.novamed.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.medsync.ledger.LedgerException;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.RecordState;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;

/**
 * The NovaMed patient and practitioner each medication order was sent for (table novamed_order_party), recorded
 * just before the create, so that an order whose answer was lost can later be recognised in NovaMed's webhooks.
 */
@ApplicationScoped
public class NovaMedOrderParties {

    private final DataSource dataSource;

    NovaMedOrderParties(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records (or, on a resend after an operator's release, replaces) the parties of the order {@code key}. */
    public void record(RecordKey key, String patientId, String practitionerId) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement delete = c.prepareStatement("delete from novamed_order_party where tenant_id = ?"
                    + " and source_system = ? and source_id = ?")) {
                delete.setString(1, key.tenantId());
                delete.setString(2, key.sourceSystem().name());
                delete.setString(3, key.sourceId());
                delete.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("insert into novamed_order_party (tenant_id,"
                    + " source_system, source_id, patient_id, practitioner_id, recorded_at) values (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, key.tenantId());
                insert.setString(2, key.sourceSystem().name());
                insert.setString(3, key.sourceId());
                insert.setString(4, patientId.toLowerCase(java.util.Locale.ROOT));
                insert.setString(5, practitionerId.toLowerCase(java.util.Locale.ROOT));
                insert.setTimestamp(6, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot record the NovaMed parties of " + key, e);
        }
    }

    /**
     * The oldest in-doubt medication order, without a NovaMed id yet, that was sent for this patient and
     * practitioner and is not already suggested another NovaMed order: the one a webhook about an unknown order most
     * likely resolves. The operator confirms it ({@code POST /ops/in-doubt/{id}/delivered}).
     */
    public Optional<RecordKey> inDoubtOrderFor(String patientId, String practitionerId, String novaMedOrderId) {
        if (patientId == null || practitionerId == null) {
            return Optional.empty();
        }
        String sql = "select r.tenant_id, r.source_system, r.source_id from novamed_order_party p"
                + " join ledger_record r on r.tenant_id = p.tenant_id and r.source_system = p.source_system"
                + " and r.source_id = p.source_id and r.resource_type = ?"
                + " where p.patient_id = ? and p.practitioner_id = ? and r.state = ? and r.novamed_id is null"
                + " and not exists (select 1 from novamed_event e where e.suggested_for = "
                + keyExpression("r") + " and e.order_id <> ?) order by r.id";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, ResourceType.MEDICATION_ORDER.name());
            ps.setString(2, patientId.toLowerCase(java.util.Locale.ROOT));
            ps.setString(3, practitionerId.toLowerCase(java.util.Locale.ROOT));
            ps.setString(4, RecordState.IN_DOUBT.name());
            ps.setString(5, novaMedOrderId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new RecordKey(rs.getString(1), SourceSystem.valueOf(rs.getString(2)),
                        ResourceType.MEDICATION_ORDER, rs.getString(3))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot match a NovaMed order to the in-doubt orders", e);
        }
    }

    /** {@link RecordKey#toString()} in SQL, so stored suggestions can be compared with ledger rows. */
    private static String keyExpression(String alias) {
        return "concat(" + alias + ".tenant_id, '/', lower(" + alias + ".source_system), '/medication_order/', "
                + alias + ".source_id)";
    }
}
