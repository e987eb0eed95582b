package io.medsync.nexhealth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

import io.medsync.ledger.AppointmentEvents;
import io.medsync.ledger.ContentHash;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.pipeline.Delivery;
import io.medsync.pipeline.DryRun;
import io.medsync.pipeline.MedsyncExchange;
import io.medsync.pipeline.SyncOutcome;
import io.medsync.pipeline.SyncRun;
import io.medsync.tenant.NexHealthLocation;
import io.medsync.tenant.Tenant;

/** Appointments: recorded as events, and the source of the patients a tenant with appointment scope syncs. */
@ApplicationScoped
public class AppointmentSteps {

    private static final Logger LOG = Logger.getLogger(AppointmentSteps.class);

    private final AppointmentEvents events;
    private final NexHealthClient client;

    AppointmentSteps(AppointmentEvents events, NexHealthClient client) {
        this.events = events;
        this.client = client;
    }

    /**
     * Before a page of appointments is split: takes out those whose version is already recorded (a re-sync reads
     * every appointment again), with one query for the page. A go-live rehearsal keeps them all: it records into its
     * own scratch state.
     */
    public void skipRecorded(Exchange exchange) {
        List<?> page = exchange.getMessage().getBody(List.class);
        if (DryRun.active(exchange) || page == null || page.isEmpty()) {
            return;
        }
        NexHealthLocation location = exchange.getProperty(NexHealthPullSteps.LOCATION, NexHealthLocation.class);
        Map<Delivery, AppointmentEvents.Event> versions = new java.util.IdentityHashMap<>();
        String tenantId = null;
        for (Object item : page) {
            if (item instanceof Delivery delivery) {
                tenantId = delivery.tenant().id();
                eventOf(delivery.tenant(), location, delivery.sourceAs(NexHealthAppointment.class))
                        .ifPresent(e -> versions.put(delivery, e));
            }
        }
        if (tenantId == null) {
            return;
        }
        java.util.Set<AppointmentEvents.Event> held = events.recorded(tenantId, versions.values());
        if (!held.isEmpty()) {
            exchange.getMessage().setBody(page.stream()
                    .filter(item -> !(item instanceof Delivery d) || !held.contains(versions.get(d))).toList());
        }
    }

    /** Records one pulled appointment (schedule blocks are not visits and are skipped). */
    public void record(Exchange exchange) {
        Delivery delivery = MedsyncExchange.delivery(exchange);
        NexHealthLocation location = exchange.getProperty(NexHealthPullSteps.LOCATION, NexHealthLocation.class);
        NexHealthAppointment appointment = delivery.sourceAs(NexHealthAppointment.class);
        if (DryRun.active(exchange)) {
            // A go-live rehearsal keeps what the appointments say in its scratch state, not in the ledger.
            eventOf(delivery.tenant(), location, appointment).ifPresent(e -> RehearsedAppointments.record(
                    DryRun.of(exchange), e));
            return;
        }
        record(delivery.tenant(), location, appointment);
    }

    public void record(Tenant tenant, NexHealthLocation location, NexHealthAppointment appointment) {
        eventOf(tenant, location, appointment).ifPresent(events::record);
    }

    /** What the ledger keeps of an appointment; nothing for a schedule block (not a visit). */
    private static Optional<AppointmentEvents.Event> eventOf(Tenant tenant, NexHealthLocation location,
            NexHealthAppointment appointment) {
        if (appointment.isBlock()) {
            return Optional.empty();
        }
        return Optional.of(new AppointmentEvents.Event(tenant.id(), location.subdomain(),
                appointment.locationId() == null ? location.locationId() : appointment.locationId(), appointment.id(),
                appointment.patientId(), appointment.providerId(), appointment.startTime(), appointment.endTime(),
                appointment.isCancelled(), appointment.updatedAt()));
    }

    /**
     * Appointment scope: fetches, one by one, the patients with a scheduled appointment in the window at this
     * location; the body becomes their deliveries.
     */
    public void appointmentPatients(Exchange exchange) {
        Tenant tenant = exchange.getProperty(MedsyncExchange.TENANT, Tenant.class);
        NexHealthLocation location = exchange.getProperty(NexHealthPullSteps.LOCATION, NexHealthLocation.class);
        SyncRun run = exchange.getProperty(MedsyncExchange.RUN, SyncRun.class);
        List<Delivery> deliveries = new ArrayList<>();
        if (!exchange.getProperty(NexHealthPullSteps.LOCATION_FAILED, false, Boolean.class)) {
            Instant now = Instant.now();
            try {
                for (long patientId : events.patientsWithAppointments(tenant.id(), location.locationId(),
                        now.minus(tenant.appointmentsPast()), now.plus(tenant.appointmentsAhead()))) {
                    Optional<NexHealthPatientDetail> detail = client.patient(tenant, location, patientId);
                    detail.ifPresent(d -> deliveries.add(Delivery.of(tenant, new RecordKey(tenant.id(),
                            SourceSystem.NEXHEALTH, ResourceType.PATIENT, String.valueOf(patientId)),
                            ContentHash.of(d.patient()), d.patient())));
                }
            } catch (NexHealthException e) {
                exchange.setProperty(NexHealthPullSteps.LOCATION_FAILED, true);
                if (run != null) {
                    run.error(tenant.id(), ResourceType.PATIENT, e.getMessage());
                }
                LOG.errorf("%s %s: appointment patients not synced: %s", tenant, location.scope(), e.getMessage());
            }
        }
        if (run != null) {
            run.begin(tenant.id(), ResourceType.PATIENT);
            deliveries.forEach(d -> run.count(tenant.id(), ResourceType.PATIENT, SyncOutcome.PULLED));
        }
        exchange.getMessage().setBody(deliveries);
    }
}
