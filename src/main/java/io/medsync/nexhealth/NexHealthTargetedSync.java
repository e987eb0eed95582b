package io.medsync.nexhealth;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.medsync.ledger.ContentHash;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.pipeline.Delivery;
import io.medsync.pipeline.Redelivery;
import io.medsync.tenant.NexHealthLocation;
import io.medsync.tenant.Tenant;
import io.medsync.tenant.TenantRegistry;

/**
 * Syncs just the record a webhook named, through the same delivery routes as the scheduled sync: the ledger
 * makes a record seen by both (or delivered twice by NexHealth) a no-op the second time.
 */
@ApplicationScoped
public class NexHealthTargetedSync {

    private static final Logger LOG = Logger.getLogger(NexHealthTargetedSync.class);

    private final TenantRegistry tenants;
    private final NexHealthClient client;
    private final Redelivery redelivery;
    private final AppointmentSteps appointments;

    NexHealthTargetedSync(TenantRegistry tenants, NexHealthClient client, Redelivery redelivery,
            AppointmentSteps appointments) {
        this.tenants = tenants;
        this.client = client;
        this.redelivery = redelivery;
        this.appointments = appointments;
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
        RecordKey key = new RecordKey(tenant.id(), SourceSystem.NEXHEALTH, ResourceType.PATIENT,
                String.valueOf(patient.id()));
        redelivery.send(Delivery.of(tenant, key, ContentHash.of(patient), patient), null);
    }

    private static java.util.stream.Stream<String> subdomains(Tenant tenant) {
        return tenant.nexHealthLocations().stream().map(NexHealthLocation::subdomain).distinct();
    }
}
