package io.medsync.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.medsync.sandbox.NexHealthParams.BadParameter;

/**
 * The NexHealth appointment book: {@code GET /appointments} (getAppointments) and {@code GET /appointments/{id}}
 * (getAppointmentsId) over the seeded appointments, plus the mutations the sandbox's test hooks expose. Thread-safe;
 * callers get copies.
 */
final class NexHealthAppointments {

    static final int MAX_PATIENT_IDS = 25;

    private final Map<Long, ObjectNode> appointments = new LinkedHashMap<>();
    private final SandboxClock clock;
    private final Set<Long> locationIds;

    NexHealthAppointments(List<ObjectNode> seeded, SandboxClock clock, Set<Long> locationIds) {
        seeded.forEach(a -> appointments.put(a.get("id").asLong(), a.deepCopy()));
        this.clock = clock;
        this.locationIds = Set.copyOf(locationIds);
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------------

    /** getAppointments; the caller has checked auth, the version header and the subdomain. */
    NexHealthReply list(SandboxRequest request) {
        Instant start = NexHealthParams.requiredDateTime(request, "start");
        Instant end = NexHealthParams.requiredDateTime(request, "end");
        if (end.isBefore(start)) {
            throw new BadParameter("end must not be before start");
        }
        Optional<Long> location = NexHealthParams.optionalLong(request, "location_id");
        String foreignId = NexHealthParams.emptyToNull(request.query("foreign_id"));
        if (location.isEmpty() && foreignId == null) {
            throw new BadParameter("location_id or foreign_id is missing");
        }
        if (location.isPresent() && !locationIds.contains(location.get())) {
            return NexHealthReply.forbiddenLocation(NexHealthReply.JSON);
        }
        String sort = request.query("sort");
        if (sort != null && !sort.isEmpty() && !sort.equals("updated_at") && !sort.equals("-updated_at")) {
            throw new BadParameter("sort does not have a valid value");
        }
        NexHealthParams.Paging paging = NexHealthParams.Paging.from(request);

        Predicate<ObjectNode> filter = a -> {
            Instant startTime = Instant.parse(a.get("start_time").asText());
            return !startTime.isBefore(start) && !startTime.isAfter(end);
        };
        filter = filter.and(paging.updatedSinceFilter());
        if (location.isPresent()) {
            long wanted = location.get();
            filter = filter.and(a -> a.path("location_id").asLong() == wanted);
        }
        if (foreignId != null) {
            filter = filter.and(a -> foreignId.equals(a.path("foreign_id").asText(null)));
        }
        // Spec: cancelled "Filter by cancelled status", unavailable "specify to set the filter": no filter if absent.
        filter = filter.and(booleanFilter(request, "cancelled")).and(booleanFilter(request, "unavailable"));
        Optional<List<Long>> patientIds = NexHealthParams.optionalIds(request, "patient_ids[]");
        if (patientIds.isPresent()) {
            if (patientIds.get().size() > MAX_PATIENT_IDS) {
                throw new BadParameter("patient_ids[] accepts at most " + MAX_PATIENT_IDS + " ids");
            }
            filter = filter.and(idIn("patient_id", patientIds.get()));
        }
        Optional<List<Long>> providerIds = NexHealthParams.optionalIds(request, "provider_ids[]");
        if (providerIds.isPresent()) {
            filter = filter.and(idIn("provider_id", providerIds.get()));
        }
        Optional<List<Long>> operatoryIds = NexHealthParams.optionalIds(request, "operatory_ids[]");
        if (operatoryIds.isPresent()) {
            filter = filter.and(idIn("operatory_id", operatoryIds.get()));
        }
        Optional<Long> type = NexHealthParams.optionalLong(request, "appointment_type_id");
        if (type.isPresent()) {
            long wanted = type.get();
            filter = filter.and(a -> a.path("appointment_type_id").asLong() == wanted);
        }
        List<ObjectNode> matching;
        synchronized (appointments) {
            matching = appointments.values().stream().filter(filter).map(ObjectNode::deepCopy).toList();
        }
        return NexHealthReply.page("Appointments found", paging.page(matching));
    }

    /** getAppointmentsId; the spec declares the legacy media type for every status of this operation. */
    NexHealthReply get(long id) {
        return find(id).map(a -> NexHealthReply.ok(200, NexHealthReply.LEGACY, "Appointment found", a))
                .orElseGet(() -> NexHealthReply.notFound(NexHealthReply.LEGACY, "Appointment not found"));
    }

    private static Predicate<ObjectNode> booleanFilter(SandboxRequest request, String name) {
        Optional<Boolean> wanted = NexHealthParams.optionalBoolean(request, name);
        return wanted.<Predicate<ObjectNode>>map(w -> a -> a.path(name).asBoolean(false) == w).orElse(a -> true);
    }

    private static Predicate<ObjectNode> idIn(String field, List<Long> ids) {
        return a -> !a.path(field).isNull() && ids.contains(a.path(field).asLong());
    }

    // ---- state --------------------------------------------------------------------------------------------------

    List<Long> ids() {
        synchronized (appointments) {
            return List.copyOf(appointments.keySet());
        }
    }

    Optional<ObjectNode> find(long id) {
        synchronized (appointments) {
            return Optional.ofNullable(appointments.get(id)).map(ObjectNode::deepCopy);
        }
    }

    /** Applies {@code change}, stamps updated_at/last_sync_time with the clock and returns a copy. */
    ObjectNode update(long id, Consumer<ObjectNode> change) {
        synchronized (appointments) {
            ObjectNode appointment = appointments.get(id);
            if (appointment == null) {
                throw new NoSuchElementException("No sandbox appointment with id " + id);
            }
            change.accept(appointment);
            String now = SandboxSeed.TIMESTAMP.format(clock.instant());
            appointment.put("updated_at", now);
            appointment.put("last_sync_time", now);
            return appointment.deepCopy();
        }
    }

    ObjectNode cancel(long id) {
        return update(id, a -> {
            a.put("cancelled", true);
            a.put("cancelled_at", SandboxSeed.TIMESTAMP.format(clock.instant()));
            a.put("confirmed", false);
        });
    }

    /**
     * Books a new appointment (id after the highest so far) for {@code patient} (null for a schedule block) with
     * {@code provider} (nullable), then applies {@code fields}; returns a copy.
     */
    ObjectNode add(ObjectNode patient, long locationId, ObjectNode provider, Instant start, Duration length,
            Consumer<ObjectNode> fields) {
        synchronized (appointments) {
            long id = appointments.keySet().stream().mapToLong(Long::longValue).max()
                    .orElse(AppointmentSeed.FIRST_APPOINTMENT_ID - 1) + 1;
            String now = SandboxSeed.TIMESTAMP.format(clock.instant());
            ObjectNode a = JsonNodeFactory.instance.objectNode();
            a.put("id", id);
            AppointmentSeed.setParticipants(a, patient, provider);
            a.put("start_time", SandboxSeed.TIMESTAMP.format(start));
            a.put("end_time", SandboxSeed.TIMESTAMP.format(start.plus(length)));
            a.put("confirmed", false);
            a.put("patient_missed", false);
            a.put("created_at", now);
            a.put("updated_at", now);
            a.putNull("note");
            a.put("unavailable", patient == null);
            a.put("cancelled", false);
            a.putNull("cancelled_at");
            a.put("timezone", AppointmentSeed.TIMEZONE);
            a.put("timezone_offset", AppointmentSeed.offset(start));
            a.put("institution_id", SandboxSeed.INSTITUTION_ID);
            a.put("appointment_type_id", 0);
            a.put("location_id", locationId);
            a.putNull("operatory_id");
            a.put("foreign_id", String.valueOf(80000 + id - AppointmentSeed.FIRST_APPOINTMENT_ID));
            a.put("foreign_id_type", SandboxSeed.FOREIGN_ID_TYPE);
            a.put("last_sync_time", now);
            a.putObject("misc").put("is_booked_on_nexhealth", false);
            fields.accept(a);
            a.put("id", id);
            appointments.put(id, a);
            return a.deepCopy();
        }
    }
}
