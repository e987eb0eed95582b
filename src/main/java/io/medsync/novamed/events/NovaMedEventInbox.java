package io.medsync.novamed.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.medsync.crypto.PayloadCipher;
import io.medsync.crypto.SealedPayload;
import io.medsync.ledger.LedgerException;
import io.medsync.ledger.UniqueKeyViolation;
import io.medsync.ledger.WebhookRetries;

/**
 * NovaMed webhook deliveries (table novamed_event): stored before NovaMed gets its answer, processed afterwards,
 * kept as the order's status history. The unique (event_name, event_key) makes a repeated delivery a no-op, and
 * {@link #finish} moves a row out of PENDING only once, so an event is processed once however often it is queued.
 * Processed, swept and retried as {@link io.medsync.ledger.WebhookInboxRoutes} does for every partner.
 */
@ApplicationScoped
public class NovaMedEventInbox {

    public static final String TABLE = "novamed_event";
    public static final String PENDING = WebhookRetries.PENDING;
    public static final String DONE = "DONE";
    public static final String UNKNOWN_EVENT = "UNKNOWN_EVENT";

    /** A stored event; {@code trackingUrl} is opened (plain) here and must not be logged. */
    public record Stored(long id, String name, String key, String clinicId, String orderId, String patientId,
            String practitionerId, String rxNumber, String shipmentId, String shipmentProvider, String trackingUrl,
            boolean labelPresent, String status, String ledgerKey, String suggestedFor, Instant receivedAt,
            Instant processedAt) {
    }

    private final DataSource dataSource;
    private final PayloadCipher cipher;

    NovaMedEventInbox(DataSource dataSource, PayloadCipher cipher) {
        this.dataSource = dataSource;
        this.cipher = cipher;
    }

    /** @return the new row's id, or empty when this event was stored before (NovaMed retried it) */
    public OptionalLong store(NovaMedEvent e) {
        SealedPayload tracking = e.trackingUrl() == null ? null
                : cipher.sealString(e.trackingUrl(), trackingContext(e.name(), e.key()));
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("insert into novamed_event (event_name, event_key,"
                        + " clinic_id, order_id, patient_id, practitioner_id, rx_number, shipment_id,"
                        + " shipment_provider, tracking_key_id, tracking_url, label_present, status, received_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
            ps.setString(1, e.name());
            ps.setString(2, e.key());
            ps.setString(3, e.clinicId());
            ps.setString(4, e.orderId());
            ps.setString(5, e.patientId());
            ps.setString(6, e.practitionerId());
            ps.setString(7, e.rxNumber());
            ps.setString(8, e.shipmentId());
            ps.setString(9, e.shipmentProvider());
            ps.setString(10, tracking == null ? null : tracking.keyId());
            ps.setString(11, tracking == null ? null : tracking.ciphertext());
            ps.setBoolean(12, e.labelPresent());
            ps.setString(13, PENDING);
            ps.setTimestamp(14, Timestamp.from(Instant.now()));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return OptionalLong.of(keys.getLong(1));
            }
        } catch (SQLException ex) {
            if (UniqueKeyViolation.is(ex)) {
                return OptionalLong.empty();
            }
            throw new LedgerException("cannot store a NovaMed webhook event", ex);
        }
    }

    public Optional<Stored> find(long id) {
        return query("select * from novamed_event where id = ?", id).stream().findFirst();
    }

    /** Every event about one NovaMed order, in the order they arrived. */
    public List<Stored> forOrder(String orderId) {
        return query("select * from novamed_event where order_id = ? order by id", orderId);
    }

    /** NovaMed order ids whose events were linked to the ledger record {@code ledgerKey}. */
    public List<String> ordersLinkedTo(String ledgerKey) {
        return query("select * from novamed_event where ledger_key = ? and order_id is not null order by id",
                ledgerKey).stream().map(Stored::orderId).distinct().toList();
    }

    /** The latest event suggested as the resolution of the in-doubt record {@code ledgerKey}. */
    public Optional<Stored> latestSuggestionFor(String ledgerKey) {
        List<Stored> suggestions = query("select * from novamed_event where suggested_for = ? order by id desc",
                ledgerKey);
        return suggestions.stream().findFirst();
    }

    /**
     * Marks a pending event processed, on the caller's transaction. False when it was not pending any more (another
     * consumer got there first): the caller then must not report it again.
     */
    public boolean finish(Connection c, long id, String status, String ledgerKey, String suggestedFor, Instant at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update novamed_event set status = ?, ledger_key = ?,"
                + " suggested_for = ?, attempts = attempts + 1, processed_at = ? where id = ? and status = ?")) {
            ps.setString(1, status);
            ps.setString(2, ledgerKey);
            ps.setString(3, suggestedFor);
            ps.setTimestamp(4, Timestamp.from(at));
            ps.setLong(5, id);
            ps.setString(6, PENDING);
            return ps.executeUpdate() == 1;
        }
    }

    private static String trackingContext(String name, String key) {
        return io.medsync.crypto.PayloadContext.novaMedTracking(name, key);
    }

    private List<Stored> query(String sql, Object value) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, value);
            List<Stored> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(read(rs));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new LedgerException("cannot read the NovaMed event inbox", e);
        }
    }

    private Stored read(ResultSet rs) throws SQLException {
        String name = rs.getString("event_name");
        String key = rs.getString("event_key");
        String sealedUrl = rs.getString("tracking_url");
        String trackingUrl = sealedUrl == null ? null
                : cipher.openString(rs.getString("tracking_key_id"), sealedUrl, trackingContext(name, key));
        Timestamp processed = rs.getTimestamp("processed_at");
        return new Stored(rs.getLong("id"), name, key, rs.getString("clinic_id"), rs.getString("order_id"),
                rs.getString("patient_id"), rs.getString("practitioner_id"), rs.getString("rx_number"),
                rs.getString("shipment_id"), rs.getString("shipment_provider"), trackingUrl,
                rs.getBoolean("label_present"), rs.getString("status"), rs.getString("ledger_key"),
                rs.getString("suggested_for"), rs.getTimestamp("received_at").toInstant(),
                processed == null ? null : processed.toInstant());
    }
}
