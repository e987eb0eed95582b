package io.medsync.nexhealth;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.medsync.ledger.ContentHash;
import io.medsync.ledger.Ledger;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.pipeline.Delivery;
import io.medsync.pipeline.Redelivery;
import io.medsync.tenant.NexHealthLocation;
import io.medsync.tenant.Tenant;
import io.medsync.tenant.TenantRegistry;

/**
 * Syncs just the record a webhook or Kafka request named, through the same delivery routes as the scheduled sync
 * (a patient's provider first, when NovaMed does not have it yet): the ledger makes a record seen by both (or
 * delivered twice by NexHealth) a no-op the second time.
 */
@ApplicationScoped
public class NexHealthTargetedSync {

    private static final Logger LOG = Logger.getLogger(NexHealthTargetedSync.class);

    private final TenantRegistry tenants;
    private final NexHealthClient client;
    private final Redelivery redelivery;
    private final AppointmentSteps appointments;
    private final PractitionerResolver practitioners;
    private final Ledger ledger;

    NexHealthTargetedSync(TenantRegistry tenants, NexHealthClient client, Redelivery redelivery,
            AppointmentSteps appointments, PractitionerResolver practitioners, Ledger ledger) {
        this.tenants = tenants;
        this.client = client;
        this.redelivery = redelivery;
        this.appointments = appointments;
        this.practitioners = practitioners;
        this.ledger = ledger;
    }

    /**
     * Records the appointment's new version; with appointment scope, a scheduled appointment also brings its patient
     * in (delivered once, whatever the number of appointments).
     */
    public void syncAppointment(String subdomain, long appointmentId) {
        for (Tenant tenant : tenants.all()) {
            syncAppointment(tenant, subdomain, appointmentId);
        }
    }

    /** The same for one tenant, at each NexHealth institution (subdomain) it reads: a Kafka sync request. */
    public void syncAppointment(Tenant tenant, long appointmentId) {
        subdomains(tenant).forEach(subdomain -> syncAppointment(tenant, subdomain, appointmentId));
    }

    private void syncAppointment(Tenant tenant, String subdomain, long appointmentId) {
        Optional<NexHealthLocation> any = tenant.nexHealthLocations().stream()
                .filter(l -> l.subdomain().equals(subdomain)).findFirst();
        if (any.isEmpty()) {
            return;
        }
        Optional<NexHealthAppointment> appointment = client.appointment(tenant, any.get(), appointmentId);
        if (appointment.isEmpty()) {
            return;
        }
        NexHealthAppointment a = appointment.get();
        Optional<NexHealthLocation> location = tenant.nexHealthLocations().stream()
                .filter(l -> l.subdomain().equals(subdomain) && Long.valueOf(l.locationId()).equals(a.locationId()))
                .findFirst();
        if (location.isEmpty()) {
            return;
        }
        appointments.record(tenant, location.get(), a);
        if (tenant.syncScope() == Tenant.SyncScope.APPOINTMENT_PATIENTS && !a.isBlock() && !a.isCancelled()
                && a.patientId() != null) {
            syncPatient(tenant, subdomain, a.patientId());
        }
    }

    /** Fetches the patient and delivers it for every tenant location it belongs to. */
    public void syncPatient(String subdomain, long patientId) {
        for (Tenant tenant : tenants.all()) {
            syncPatient(tenant, subdomain, patientId);
        }
    }

    /** The same for one tenant, at each NexHealth institution (subdomain) it reads: a Kafka sync request. */
    public void syncPatient(Tenant tenant, long patientId) {
        subdomains(tenant).forEach(subdomain -> syncPatient(tenant, subdomain, patientId));
    }

    private void syncPatient(Tenant tenant, String subdomain, long patientId) {
        Optional<NexHealthLocation> first = tenant.nexHealthLocations().stream()
                .filter(l -> l.subdomain().equals(subdomain)).findFirst();
        if (first.isEmpty()) {
            return;
        }
        Optional<NexHealthPatientDetail> detail = client.patient(tenant, first.get(), patientId);
        if (detail.isEmpty()) {
            LOG.infof("sync of %s/nexhealth/patient/%d: NexHealth no longer has it", tenant.id(), patientId);
            return;
        }
        boolean atTenantLocation = detail.get().locationIds().isEmpty() || tenant.nexHealthLocations().stream()
                .anyMatch(l -> l.subdomain().equals(subdomain) && detail.get().locationIds().contains(l.locationId()));
        if (!atTenantLocation) {
            return;
        }
        NexHealthPatient patient = detail.get().patient();
        bringInProvider(tenant, subdomain, patient);
        RecordKey key = new RecordKey(tenant.id(), SourceSystem.NEXHEALTH, ResourceType.PATIENT,
                String.valueOf(patient.id()));
        redelivery.send(Delivery.of(tenant, key, ContentHash.of(patient), patient), null);
    }

    /**
     * A patient needs its NovaMed practitioner: a provider NovaMed does not have yet is read from NexHealth and
     * delivered first, through the provider route the scheduled sync uses, so the request completes on its own
     * instead of parking until the next provider sync. A provider NexHealth cannot serve leaves the patient parked.
     */
    private void bringInProvider(Tenant tenant, String subdomain, NexHealthPatient patient) {
        Long providerId = practitioners.providerOf(tenant.id(), patient);
        if (providerId == null) {
            return;
        }
        RecordKey key = new RecordKey(tenant.id(), SourceSystem.NEXHEALTH, ResourceType.PROVIDER,
                String.valueOf(providerId));
        if (ledger.novaMedId(key).isPresent()) {
            return;
        }
        tenant.nexHealthLocations().stream().filter(l -> l.subdomain().equals(subdomain))
                .map(location -> client.provider(tenant, location, providerId)).flatMap(Optional::stream).findFirst()
                .ifPresent(provider -> redelivery.send(Delivery.of(tenant, key, ContentHash.of(provider), provider),
                        null));
    }

    private static java.util.stream.Stream<String> subdomains(Tenant tenant) {
        return tenant.nexHealthLocations().stream().map(NexHealthLocation::subdomain).distinct();
    }
}
