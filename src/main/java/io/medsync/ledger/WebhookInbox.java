package io.medsync.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * NexHealth webhook deliveries (table {@value #TABLE}). Stored before the sender gets its answer, so a crash between
 * the two loses nothing; only ids are kept (the record itself is fetched fresh when processed). Processed, swept
 * and retried as {@link WebhookInboxRoutes} does for every partner.
 */
@ApplicationScoped
public class WebhookInbox {

    public static final String TABLE = "webhook_inbox";

    /** One accepted delivery. */
    public record Entry(long id, String source, String eventName, String subdomain, String resourceType,
            String resourceId, String eventTime, int attempts) {
    }

    private final DataSource dataSource;

    WebhookInbox(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long add(String source, String eventName, String subdomain, String resourceType, String resourceId,
            String eventTime) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("insert into webhook_inbox (source, event_name, subdomain,"
                        + " resource_type, resource_id, event_time, status, attempts, received_at)"
                        + " values (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, source);
            ps.setString(2, eventName);
            ps.setString(3, subdomain);
            ps.setString(4, resourceType);
            ps.setString(5, resourceId);
            ps.setString(6, eventTime);
            ps.setTimestamp(7, Timestamp.from(Instant.now()));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot store a webhook delivery", e);
        }
    }

    /**
     * Records a signed delivery by a hash of its signature; false when it was seen before (a replay, or the sender's
     * retry of a delivery we already stored). Sightings older than {@code forgetBefore} are dropped on the way.
     */
    public boolean firstSighting(String source, String signature, Instant forgetBefore) {
        String hash;
        try {
            hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(signature.trim().toLowerCase().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement prune = c.prepareStatement("delete from webhook_delivery_seen where seen_at < ?")) {
                prune.setTimestamp(1, Timestamp.from(forgetBefore));
                prune.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into webhook_delivery_seen (source, signature_hash,"
                    + " seen_at) values (?, ?, ?)")) {
                ps.setString(1, source);
                ps.setString(2, hash);
                ps.setTimestamp(3, Timestamp.from(Instant.now()));
                ps.executeUpdate();
                return true;
            }
        } catch (SQLException e) {
            if (UniqueKeyViolation.is(e)) {
                return false;
            }
            throw new LedgerException("cannot record a webhook delivery", e);
        }
    }

    public Entry get(long id) {
        return query("select * from webhook_inbox where id = ?", id).stream().findFirst()
                .orElseThrow(() -> new LedgerException("no webhook delivery " + id, null));
    }

    /** The delivery was processed: it leaves PENDING, its last attempt counted. */
    public void done(long id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("update webhook_inbox set status = 'DONE', last_error = null,"
                        + " attempts = attempts + 1, processed_at = ? where id = ? and status = 'PENDING'")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            ps.setLong(2, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("cannot update webhook delivery " + id, e);
        }
    }

    private List<Entry> query(String sql, long id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            List<Entry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new Entry(rs.getLong("id"), rs.getString("source"), rs.getString("event_name"),
                            rs.getString("subdomain"), rs.getString("resource_type"), rs.getString("resource_id"),
                            rs.getString("event_time"), rs.getInt("attempts")));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new LedgerException("cannot read the webhook inbox", e);
        }
    }
}
