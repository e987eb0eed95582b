package io.medsync.heidi;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response.Status;

import org.jboss.logging.Logger;

import io.medsync.nexhealth.NexHealthAppointment;
import io.medsync.nexhealth.NexHealthClient;
import io.medsync.nexhealth.NexHealthException;
import io.medsync.tenant.NexHealthLocation;
import io.medsync.tenant.Tenant;
import io.medsync.tenant.TenantRegistry;

/**
 * Opens the scribe on the right patient: reads the NexHealth appointment, finds or creates the Heidi patient profile
 * of its patient (holding only the EHR patient id), and creates a session linked to the EHR appointment.
 */
@ApplicationScoped
public class HeidiSessionPreparation {

    private static final Logger LOG = Logger.getLogger(HeidiSessionPreparation.class);

    private final TenantRegistry tenants;
    private final NexHealthClient nexHealth;
    private final HeidiRegions regions;
    private final HeidiTokenBroker broker;
    private final HeidiClient heidi;
    private final HeidiProfiles profiles;

    HeidiSessionPreparation(TenantRegistry tenants, NexHealthClient nexHealth, HeidiRegions regions,
            HeidiTokenBroker broker, HeidiClient heidi, HeidiProfiles profiles) {
        this.tenants = tenants;
        this.nexHealth = nexHealth;
        this.regions = regions;
        this.broker = broker;
        this.heidi = heidi;
        this.profiles = profiles;
    }

    public PreparedSession prepare(String tenantId, long appointmentId, Clinician clinician) {
        Tenant tenant = tenants.get(tenantId);
        HeidiRegion region = regions.get(clinician.region());
        NexHealthAppointment appointment = appointment(tenant, appointmentId);
        if (appointment.patientId() == null || appointment.isBlock()) {
            throw new HeidiBrokerException(Status.CONFLICT, "appointment_without_patient", "NexHealth appointment "
                    + appointmentId + " of tenant " + tenantId + " is a schedule block with no patient");
        }
        if (appointment.isCancelled()) {
            throw new HeidiBrokerException(Status.CONFLICT, "appointment_cancelled", "NexHealth appointment "
                    + appointmentId + " of tenant " + tenantId + " is cancelled");
        }
        String ehrPatientId = String.valueOf(appointment.patientId());
        String ehrAppointmentId = String.valueOf(appointment.id());
        // The token first: a bad key or an unreachable Heidi fails before anything is created.
        broker.token(clinician);
        BearerSource bearer = broker.bearerFor(clinician);
        Optional<String> known = profiles.find(tenantId, region.name(), ehrPatientId);
        String profileId = known.orElseGet(() -> newProfile(tenant, region, bearer, ehrPatientId));
        String profileOrigin = known.isPresent() ? "reused" : "new";
        String sessionId;
        try {
            sessionId = heidi.createSession(region, bearer, profileId, ehrAppointmentId);
        } catch (HeidiBrokerException e) {
            if (known.isEmpty() || !HeidiClient.NOT_FOUND.equals(e.error())) {
                throw e;
            }
            // The stored profile is gone from Heidi (deleted there): start the patient over with a new one, once.
            LOG.infof("Heidi profile %s of tenant=%s patient=%s is gone, creating a new one", profileId, tenantId,
                    ehrPatientId);
            profiles.forget(tenantId, region.name(), ehrPatientId);
            profileId = newProfile(tenant, region, bearer, ehrPatientId);
            profileOrigin = "replaced";
            sessionId = heidi.createSession(region, bearer, profileId, ehrAppointmentId);
        }
        LOG.infof("Heidi session %s prepared for tenant=%s appointment=%s patient=%s profile=%s (%s)", sessionId,
                tenantId, ehrAppointmentId, ehrPatientId, profileId, profileOrigin);
        return new PreparedSession(sessionId, profileId, ehrAppointmentId, ehrPatientId, broker.token(clinician));
    }

    private String newProfile(Tenant tenant, HeidiRegion region, BearerSource bearer, String ehrPatientId) {
        return profiles.remember(tenant.id(), region.name(), ehrPatientId,
                heidi.createPatientProfile(region, bearer, ehrPatientId));
    }

    /** NexHealth answers {@code /appointments/{id}} per institution: each of the tenant's subdomains is asked. */
    private NexHealthAppointment appointment(Tenant tenant, long appointmentId) {
        Set<String> asked = new LinkedHashSet<>();
        for (NexHealthLocation location : tenant.nexHealthLocations()) {
            if (!asked.add(location.subdomain())) {
                continue;
            }
            try {
                Optional<NexHealthAppointment> found = nexHealth.appointment(tenant, location, appointmentId);
                if (found.isPresent()) {
                    return found.get();
                }
            } catch (NexHealthException e) {
                throw new HeidiBrokerException(e.httpStatus() >= 500 || e.httpStatus() == 0
                        ? Status.SERVICE_UNAVAILABLE : Status.BAD_GATEWAY, "nexhealth_unavailable", e.getMessage());
            }
        }
        throw new HeidiBrokerException(Status.NOT_FOUND, "appointment_not_found", "NexHealth has no appointment "
                + appointmentId + " for tenant " + tenant.id());
    }
}
