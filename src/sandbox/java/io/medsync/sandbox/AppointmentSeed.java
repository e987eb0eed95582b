package io.medsync.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Deterministic NexHealth appointments ({@code API_V2_Entities_AppointmentWithoutIncludes}) spread from 7 days
 * before to 30 days after the seeding instant. About 60% of patients have at least one, ~5% are schedule blocks
 * (no patient) and ~8% are cancelled. Notes are PHI-like free text on purpose.
 */
final class AppointmentSeed {

    /** Above the int32 range on purpose: the spec types appointment ids as int64. */
    public static final long FIRST_APPOINTMENT_ID = 3_000_000_001L;
    static final String TIMEZONE = "America/Chicago";
    static final Duration WINDOW_BEFORE = Duration.ofDays(7);
    static final Duration WINDOW_AFTER = Duration.ofDays(30);
    static final double PATIENTS_WITH_APPOINTMENTS = 0.60;
    static final double SCHEDULE_BLOCKS = 0.05;
    static final double CANCELLED = 0.08;

    private static final ZoneId ZONE = ZoneId.of(TIMEZONE);
    private static final int QUARTERS_IN_WINDOW = (int) (WINDOW_BEFORE.plus(WINDOW_AFTER).toMinutes() / 15);
    private static final String[] COMPLAINTS = {
            "reports sensitivity on the upper left molar", "asked about whitening options",
            "has had jaw pain for 3 days, possible bruxism", "needs a crown prep follow-up",
            "requests nitrous oxide, anxious about needles", "6-month recall: cleaning and bitewing x-rays",
            "broke a filling while eating", "gum bleeding when brushing, on blood thinners"};
    private static final String[] BLOCKS = {"Staff meeting", "Lunch", "Equipment maintenance", "Dr. out - CE course"};

    private final Random random;
    private final Instant now;
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    AppointmentSeed(Random random, Instant now) {
        this.random = random;
        this.now = now.truncatedTo(ChronoUnit.MINUTES);
    }

    List<ObjectNode> generate(int count, List<ObjectNode> providers, List<ObjectNode> patients,
            Map<Long, Long> patientLocations) {
        List<ObjectNode> bookable = providers.stream().filter(p -> !p.path("inactive").asBoolean(false)).toList();
        List<Long> locations = patientLocations.values().stream().distinct().sorted().toList();
        List<ObjectNode> withAppointments = patientsWithAppointments(patients);
        int blocks = count == 0 ? 0 : Math.max(1, (int) Math.round(count * SCHEDULE_BLOCKS));
        Set<Integer> cancelled = pick(count, CANCELLED);
        List<ObjectNode> appointments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long id = FIRST_APPOINTMENT_ID + i;
            ObjectNode provider = bookable.isEmpty() ? null : bookable.get(random.nextInt(bookable.size()));
            if (i < blocks || withAppointments.isEmpty()) {
                long location = locations.isEmpty() ? 0 : locations.get(random.nextInt(locations.size()));
                appointments.add(appointment(id, null, location, provider, cancelled.contains(i)));
                continue;
            }
            int p = i - blocks;
            ObjectNode patient = p < withAppointments.size() ? withAppointments.get(p)
                    : withAppointments.get(random.nextInt(withAppointments.size()));
            ObjectNode own = ownProvider(patient, bookable);
            appointments.add(appointment(id, patient, patientLocations.get(patient.get("id").asLong()),
                    own != null ? own : provider, cancelled.contains(i)));
        }
        return appointments;
    }

    /** ~60% of patients, including some without a provider_id (the app can take the appointment's provider). */
    private List<ObjectNode> patientsWithAppointments(List<ObjectNode> patients) {
        List<ObjectNode> withoutProvider = new ArrayList<>();
        List<ObjectNode> others = new ArrayList<>();
        patients.forEach(p -> (p.path("provider_id").isNull() ? withoutProvider : others).add(p));
        Collections.shuffle(withoutProvider, random);
        Collections.shuffle(others, random);
        int total = (int) Math.round(patients.size() * PATIENTS_WITH_APPOINTMENTS);
        int fromWithoutProvider = Math.min(withoutProvider.size(),
                (int) Math.ceil(withoutProvider.size() * PATIENTS_WITH_APPOINTMENTS));
        List<ObjectNode> chosen = new ArrayList<>(withoutProvider.subList(0, Math.min(fromWithoutProvider, total)));
        chosen.addAll(others.subList(0, Math.min(others.size(), total - chosen.size())));
        Collections.shuffle(chosen, random);
        return chosen;
    }

    private static ObjectNode ownProvider(ObjectNode patient, List<ObjectNode> bookable) {
        if (patient.path("provider_id").isNull()) {
            return null;
        }
        long wanted = patient.get("provider_id").asLong();
        return bookable.stream().filter(p -> p.get("id").asLong() == wanted).findFirst().orElse(null);
    }

    private ObjectNode appointment(long id, ObjectNode patient, long locationId, ObjectNode provider,
            boolean cancelled) {
        Instant start = now.minus(WINDOW_BEFORE).plus(Duration.ofMinutes(15L * random.nextInt(QUARTERS_IN_WINDOW)));
        Instant end = start.plus(Duration.ofMinutes(30L + 15L * random.nextInt(5)));
        Instant booked = (start.isBefore(now) ? start : now).minusSeconds(3600 + random.nextInt(60 * 24 * 3600));
        Instant updated = booked.plusSeconds(random.nextLong(Duration.between(booked, now).getSeconds() + 1));
        boolean past = end.isBefore(now);
        boolean missed = patient != null && past && !cancelled && random.nextInt(10) == 0;
        boolean confirmed = !cancelled && random.nextInt(100) < (past ? 85 : 50);

        ObjectNode a = nodes.objectNode();
        a.put("id", id);
        setParticipants(a, patient, provider);
        a.put("start_time", SandboxSeed.TIMESTAMP.format(start));
        a.put("end_time", SandboxSeed.TIMESTAMP.format(end));
        a.put("confirmed", confirmed);
        a.put("confirmed_at", confirmed ? SandboxSeed.TIMESTAMP.format(updated) : null);
        a.put("patient_confirmed", confirmed && random.nextBoolean());
        a.putNull("patient_confirmed_at");
        a.put("patient_missed", missed);
        a.put("created_at", SandboxSeed.TIMESTAMP.format(booked));
        a.put("updated_at", SandboxSeed.TIMESTAMP.format(updated));
        a.put("note", note(patient));
        a.put("unavailable", patient == null);
        a.put("cancelled", cancelled);
        a.put("cancelled_at", cancelled ? SandboxSeed.TIMESTAMP.format(updated) : null);
        boolean attended = patient != null && past && !cancelled && !missed;
        a.put("checkin_at", attended ? SandboxSeed.TIMESTAMP.format(start.minusSeconds(300)) : null);
        a.put("checked_out", attended);
        a.put("checked_out_at", attended ? SandboxSeed.TIMESTAMP.format(end) : null);
        a.put("timezone", TIMEZONE);
        a.put("timezone_offset", offset(start));
        a.put("institution_id", SandboxSeed.INSTITUTION_ID);
        a.put("appointment_type_id", random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(6));
        a.put("location_id", locationId);
        a.put("operatory_id", 3000 + locationId % 100 * 10 + 1 + random.nextInt(4));
        a.put("foreign_id", String.valueOf(80000 + id - FIRST_APPOINTMENT_ID));
        a.put("foreign_id_type", SandboxSeed.FOREIGN_ID_TYPE);
        a.put("last_sync_time", SandboxSeed.TIMESTAMP.format(updated));
        a.putObject("misc").put("is_booked_on_nexhealth", random.nextInt(10) == 0);
        a.putNull("created_by_user_id");
        a.put("is_guardian", false);
        a.put("is_new_clients_patient", patient != null && random.nextInt(10) == 0);
        a.put("is_past_patient", patient != null);
        a.put("sooner_if_possible", random.nextInt(8) == 0);
        a.putNull("referrer");
        return a;
    }

    private String note(ObjectNode patient) {
        if (patient == null) {
            return BLOCKS[random.nextInt(BLOCKS.length)];
        }
        if (random.nextInt(4) == 0) {
            return null;
        }
        return patient.path("first_name").asText() + " " + COMPLAINTS[random.nextInt(COMPLAINTS.length)];
    }

    /** NexHealth's style, e.g. {@code -6:00}. */
    static String offset(Instant at) {
        int minutes = ZONE.getRules().getOffset(at).getTotalSeconds() / 60;
        return (minutes < 0 ? "-" : "+") + Math.abs(minutes) / 60 + ":" + String.format(java.util.Locale.ROOT, "%02d", Math.abs(minutes) % 60);
    }

    private Set<Integer> pick(int n, double ratio) {
        int count = n == 0 ? 0 : Math.max(1, (int) Math.round(n * ratio));
        Set<Integer> picked = new HashSet<>();
        while (picked.size() < Math.min(count, n)) {
            picked.add(random.nextInt(n));
        }
        return picked;
    }

    /** Who the appointment is for and with: a schedule block has no patient; an unassigned one no provider. */
    static void setParticipants(ObjectNode a, ObjectNode patient, ObjectNode provider) {
        if (patient == null) {
            a.putNull("patient_id");
        } else {
            a.put("patient_id", patient.get("id").asLong());
        }
        if (provider == null) {
            a.putNull("provider_id");
            a.putNull("provider_name");
        } else {
            a.put("provider_id", provider.get("id").asLong());
            a.put("provider_name", provider.path("display_name").asText(provider.path("name").asText()));
        }
    }
}
