package io.medsync.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Kafka outbox (table kafka_outbox). The ledger, the dead letters and the appointment events append to it on
 * the connection of their own transaction, so an event exists exactly when the change it reports was committed;
 * {@code kafka/OutboxDrainer} publishes it. While Kafka is off nothing is written: there is no one to read it, and a
 * backlog kept "just in case" would grow forever and flood the topics on the day Kafka is switched on.
 */
@ApplicationScoped
public class Outbox {

    public static final int EVENT_VERSION = 1;

    /** What an event reports; each kind has its own topic. */
    public enum Kind {
        OUTCOME, APPOINTMENT, DEAD_LETTER, NOVAMED_EVENT
    }

    /** An event waiting to be published. */
    public record Pending(long id, Kind kind, String key, String payload) {
    }

    /** Parked too: a Kafka requester learns at once that its record waits, and for what (a key, never PHI). */
    private static final Set<RecordState> REPORTED = EnumSet.of(RecordState.DELIVERED, RecordState.FAILED,
            RecordState.IN_DOUBT, RecordState.DRIFTED, RecordState.PARKED);

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final boolean enabled;

    /** Kafka is on when it has a bootstrap address (as {@code kafka/KafkaSettings} reads it). */
    Outbox(DataSource dataSource, ObjectMapper json,
            @ConfigProperty(name = "medsync.kafka.bootstrap-servers") Optional<String> bootstrapServers) {
        this.dataSource = dataSource;
        this.json = json;
        this.enabled = bootstrapServers.filter(s -> !s.isBlank()).isPresent();
    }

    public boolean enabled() {
        return enabled;
    }

    /** Reports the state the record has now, as the caller's transaction sees it; other states are not reported. */
    public void deliveryOutcome(Connection c, RecordKey key) throws SQLException {
        if (!enabled) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("select state, novamed_id, updated_at, blocked_on from ledger_record where"
                + " tenant_id = ? and source_system = ? and resource_type = ? and source_id = ?")) {
            ps.setString(1, key.tenantId());
            ps.setString(2, key.sourceSystem().name());
            ps.setString(3, key.resourceType().name());
            ps.setString(4, key.sourceId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                RecordState state = RecordState.valueOf(rs.getString(1));
                if (!REPORTED.contains(state)) {
                    return;
                }
                append(c, Kind.OUTCOME, key.toString(), new DeliveryOutcomeEvent(EVENT_VERSION,
                        DeliveryOutcomeEvent.TYPE, key.tenantId(), key.sourceSystem().label(),
                        key.resourceType().label(), key.sourceId(), rs.getString(2), state.name().toLowerCase(),
                        rs.getTimestamp(3).toInstant().toString(),
                        state == RecordState.PARKED ? rs.getString(4) : null));
            }
        }
    }

    public void appointment(Connection c, AppointmentEvents.Event e, Instant recordedAt) throws SQLException {
        if (!enabled) {
            return;
        }
        append(c, Kind.APPOINTMENT, e.tenantId() + "/nexhealth/appointment/" + e.appointmentId(),
                new AppointmentChangedEvent(EVENT_VERSION, AppointmentChangedEvent.TYPE, e.tenantId(), e.subdomain(),
                        e.locationId(), e.appointmentId(), e.patientId(), e.providerId(), text(e.startTime()),
                        text(e.endTime()), e.cancelled() ? "cancelled" : "scheduled", text(e.sourceUpdatedAt()),
                        recordedAt.toString()));
    }

    public void deadLetter(Connection c, long deadLetterId, RecordKey key, String stage, Integer httpStatus,
            Instant createdAt) throws SQLException {
        if (!enabled) {
            return;
        }
        append(c, Kind.DEAD_LETTER, key.toString(), new DeadLetterNotice(EVENT_VERSION, DeadLetterNotice.TYPE,
                deadLetterId, key.tenantId(), key.sourceSystem().label(), key.resourceType().label(), key.sourceId(),
                stage, httpStatus, createdAt.toString()));
    }

    /** A processed NovaMed webhook event, keyed by the NovaMed id it is about (order or practitioner). */
    public void novaMedEvent(Connection c, NovaMedOrderEvent event) throws SQLException {
        if (!enabled) {
            return;
        }
        append(c, Kind.NOVAMED_EVENT, "novamed/" + event.novaMedId(), event);
    }

    /** The oldest unpublished events, in the order they were committed. */
    public List<Pending> unpublished(int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select id, kind, message_key, payload from kafka_outbox"
                        + " where published_at is null order by id fetch first " + limit + " rows only");
                ResultSet rs = ps.executeQuery()) {
            List<Pending> pending = new ArrayList<>();
            while (rs.next()) {
                pending.add(new Pending(rs.getLong(1), Kind.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getString(4)));
            }
            return pending;
        } catch (SQLException e) {
            throw new LedgerException("cannot read the Kafka outbox", e);
        }
    }

    public void markPublished(List<Long> ids, Instant at) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("update kafka_outbox set published_at = ? where id = ?")) {
            for (long id : ids) {
                ps.setTimestamp(1, Timestamp.from(at));
                ps.setLong(2, id);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new LedgerException("cannot mark Kafka outbox events published", e);
        }
    }

    public int prunePublishedBefore(Instant cutoff) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("delete from kafka_outbox where published_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(cutoff));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("cannot prune the Kafka outbox", e);
        }
    }

    /** Events not published yet. */
    public long backlog() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from kafka_outbox where published_at is null");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new LedgerException("cannot count the Kafka outbox", e);
        }
    }

    private void append(Connection c, Kind kind, String key, Object event) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into kafka_outbox (kind, message_key, payload,"
                + " created_at) values (?, ?, ?, ?)")) {
            ps.setString(1, kind.name());
            ps.setString(2, key);
            ps.setString(3, json.writeValueAsString(event));
            ps.setTimestamp(4, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a " + kind + " event", e);
        }
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
