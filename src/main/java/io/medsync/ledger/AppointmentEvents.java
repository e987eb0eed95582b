package io.medsync.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Appointment events: one row per version of an appointment seen (ids and times only). They tell which patients
 * have an appointment in the window and which provider sees a patient who has none of their own.
 */
@ApplicationScoped
public class AppointmentEvents {

    /** What the ledger keeps of an appointment. */
    public record Event(String tenantId, String subdomain, long locationId, long appointmentId, Long patientId,
            Long providerId, Instant startTime, Instant endTime, boolean cancelled, Instant sourceUpdatedAt) {
    }

    private final DataSource dataSource;
    private final Outbox outbox;

    AppointmentEvents(DataSource dataSource, Outbox outbox) {
        this.dataSource = dataSource;
        this.outbox = outbox;
    }

    /** @return false when this version of the appointment was already recorded */
    public boolean record(Event e) {
        try {
            return JdbcTransaction.run(dataSource, c -> insert(c, e));
        } catch (SQLException ex) {
            if (UniqueKeyViolation.is(ex)) {
                return false;
            }
            throw new LedgerException("cannot record appointment " + e.appointmentId(), ex);
        }
    }

    /** The event row and its Kafka event commit together. */
    private boolean insert(Connection c, Event e) throws SQLException {
        Instant now = Instant.now();
        try (PreparedStatement ps = c.prepareStatement("insert into appointment_event (tenant_id, subdomain,"
                + " location_id, appointment_id, patient_id, provider_id, start_time, end_time, status,"
                + " source_updated_at, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, e.tenantId());
            ps.setString(2, e.subdomain());
            ps.setLong(3, e.locationId());
            ps.setLong(4, e.appointmentId());
            ps.setObject(5, e.patientId());
            ps.setObject(6, e.providerId());
            ps.setTimestamp(7, ts(e.startTime()));
            ps.setTimestamp(8, ts(e.endTime()));
            ps.setString(9, e.cancelled() ? "CANCELLED" : "SCHEDULED");
            ps.setTimestamp(10, ts(e.sourceUpdatedAt()));
            ps.setTimestamp(11, Timestamp.from(now));
            ps.executeUpdate();
        }
        outbox.appointment(c, e, now);
        return true;
    }

    /** Patients with a scheduled (latest version not cancelled) appointment starting in [from, to) at a location. */
    public List<Long> patientsWithAppointments(String tenantId, long locationId, Instant from, Instant to) {
        List<Long> patients = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select distinct e.patient_id from appointment_event e"
                        + " where e.tenant_id = ? and e.location_id = ? and e.patient_id is not null"
                        + " and e.start_time >= ? and e.start_time < ? and e.status = 'SCHEDULED'"
                        + " and not exists (select 1 from appointment_event later where later.tenant_id = e.tenant_id"
                        + " and later.appointment_id = e.appointment_id and later.source_updated_at > e.source_updated_at)"
                        + " order by e.patient_id")) {
            ps.setString(1, tenantId);
            ps.setLong(2, locationId);
            ps.setTimestamp(3, ts(from));
            ps.setTimestamp(4, ts(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    patients.add(rs.getLong(1));
                }
            }
            return patients;
        } catch (SQLException e) {
            throw new LedgerException("cannot read appointments of tenant " + tenantId, e);
        }
    }

    /**
     * Which of a page's appointment versions the tenant's events already hold, in one query (the page's ids as one
     * array, each looked up in the unique key's index): a re-sync then skips them instead of failing an insert on the
     * unique key for each. A version without {@code source_updated_at} is never "held" (the unique key does not stop
     * its duplicates).
     */
    public java.util.Set<Event> recorded(String tenantId, java.util.Collection<Event> events) {
        java.util.Map<Long, List<Event>> byId = new java.util.HashMap<>();
        events.stream().filter(e -> e.sourceUpdatedAt() != null)
                .forEach(e -> byId.computeIfAbsent(e.appointmentId(), id -> new ArrayList<>()).add(e));
        java.util.Set<Event> held = new java.util.HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select e.appointment_id, e.source_updated_at from"
                        + " unnest(?) as ids(appointment_id) join appointment_event e on e.tenant_id = ?"
                        + " and e.appointment_id = ids.appointment_id")) {
            ps.setArray(1, c.createArrayOf("bigint", byId.keySet().toArray(Long[]::new)));
            ps.setString(2, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp updated = rs.getTimestamp(2);
                    for (Event e : updated == null ? List.<Event>of() : byId.get(rs.getLong(1))) {
                        if (ts(e.sourceUpdatedAt()).equals(updated)) {
                            held.add(e);
                        }
                    }
                }
            }
            return held;
        } catch (SQLException e) {
            throw new LedgerException("cannot read the appointments of a page of tenant " + tenantId, e);
        }
    }

    /** The provider of the patient's most recent scheduled appointment, if any. */
    public Optional<Long> providerOf(String tenantId, long patientId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select provider_id from appointment_event where"
                        + " tenant_id = ? and patient_id = ? and provider_id is not null and status = 'SCHEDULED'"
                        + " order by start_time desc, source_updated_at desc fetch first 1 rows only")) {
            ps.setString(1, tenantId);
            ps.setLong(2, patientId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot read appointments of tenant " + tenantId, e);
        }
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
