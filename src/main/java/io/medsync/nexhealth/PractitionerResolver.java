package io.medsync.nexhealth;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.medsync.ledger.AppointmentEvents;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.ResourceType;
import io.medsync.novamed.NovaMedPatient;
import io.medsync.pipeline.Crosswalk;
import io.medsync.pipeline.Delivery;
import io.medsync.pipeline.UnresolvedDependencyException;

/**
 * Fills a patient's {@code practitioner_id} through the crosswalk: the NovaMed id of the patient's NexHealth
 * provider (or, for a patient with none, of their appointment's provider), else the tenant's fallback practitioner.
 */
@ApplicationScoped
class PractitionerResolver {

    private final Crosswalk crosswalk;
    private final AppointmentEvents appointments;

    PractitionerResolver(Crosswalk crosswalk, AppointmentEvents appointments) {
        this.crosswalk = crosswalk;
        this.appointments = appointments;
    }

    /** The delivery with its patient's {@code practitioner_id}. @throws UnresolvedDependencyException */
    public Delivery withPractitioner(Delivery delivery) {
        NexHealthPatient patient = delivery.sourceAs(NexHealthPatient.class);
        String practitionerId = practitionerFor(delivery, providerOf(delivery.key().tenantId(), patient));
        return delivery.withCommand(delivery.commandAs(NovaMedPatient.class).withPractitionerId(practitionerId));
    }

    /** The patient's provider, else (a patient with none) the provider of their appointment; null when neither. */
    Long providerOf(String tenantId, NexHealthPatient patient) {
        return patient.providerId() != null ? patient.providerId()
                : appointments.providerOf(tenantId, patient.id())
                        .or(() -> RehearsedAppointments.providerOf(tenantId, patient.id())).orElse(null);
    }

    private String practitionerFor(Delivery delivery, Long providerId) {
        Optional<String> fallback = delivery.tenant().fallbackPractitionerId();
        if (providerId == null) {
            return fallback.orElseThrow(() -> new UnresolvedDependencyException(
                    "no practitioner: the patient names no provider and the tenant has no fallback practitioner", null));
        }
        RecordKey providerKey = new RecordKey(delivery.key().tenantId(), delivery.key().sourceSystem(),
                ResourceType.PROVIDER, String.valueOf(providerId));
        // The patient names its provider: assigning the fallback instead would misattribute prescriptions.
        return crosswalk.novaMedId(providerKey).orElseThrow(() -> new UnresolvedDependencyException(
                "waiting for practitioner: provider " + providerKey + " is not in NovaMed yet (or its NovaMed id is"
                        + " unknown)", providerKey));
    }
}
