package io.medsync.nexhealth;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.medsync.ledger.AppointmentEvents;
import io.medsync.pipeline.DryRun;

/**
 * The appointments a go-live rehearsal pulled, kept in its scratch state instead of the ledger: they name the
 * practitioner of a patient who has no provider, as {@link AppointmentEvents#providerOf} does after a real pull.
 */
final class RehearsedAppointments {

    private final Queue<AppointmentEvents.Event> events = new ConcurrentLinkedQueue<>();

    static void record(DryRun dryRun, AppointmentEvents.Event event) {
        dryRun.scratch(RehearsedAppointments.class, RehearsedAppointments::new).events.add(event);
    }

    /** As {@link AppointmentEvents#providerOf}: the provider of the patient's latest scheduled appointment. */
    static Optional<Long> providerOf(String tenantId, long patientId) {
        return DryRun.resolving().map(d -> d.scratch(RehearsedAppointments.class, RehearsedAppointments::new))
                .flatMap(rehearsed -> rehearsed.events.stream()
                        .filter(e -> e.tenantId().equals(tenantId) && Long.valueOf(patientId).equals(e.patientId())
                                && e.providerId() != null && !e.cancelled())
                        .max(Comparator.comparing(AppointmentEvents.Event::startTime, NULLS_FIRST)
                                .thenComparing(AppointmentEvents.Event::sourceUpdatedAt, NULLS_FIRST))
                        .map(AppointmentEvents.Event::providerId));
    }

    private static final Comparator<Instant> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());
}
