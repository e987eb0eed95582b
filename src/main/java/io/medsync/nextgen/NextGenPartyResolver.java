package io.medsync.nextgen;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.medsync.ledger.RecordKey;
import io.medsync.ledger.ResourceType;
import io.medsync.novamed.NovaMedOrderCommand;
import io.medsync.novamed.NovaMedPatient;
import io.medsync.pipeline.Crosswalk;
import io.medsync.pipeline.Delivery;
import io.medsync.pipeline.UnresolvedDependencyException;

/**
 * Fills in the NovaMed ids a NextGen record needs through the crosswalk: a patient's practitioner (their
 * practitioner of record, else the tenant's fallback), an order's patient and prescriber. A record whose party is
 * not in NovaMed yet is parked on it; a prescription with no prescriber is never attributed to someone else.
 */
@ApplicationScoped
public class NextGenPartyResolver {

    private final Crosswalk crosswalk;

    NextGenPartyResolver(Crosswalk crosswalk) {
        this.crosswalk = crosswalk;
    }

    /** A patient's delivery with its {@code practitioner_id}. @throws UnresolvedDependencyException */
    public Delivery withPractitioner(Delivery delivery) {
        FhirPatient patient = delivery.sourceAs(FhirPatient.class);
        String practitionerId;
        if (patient.practitionerId() == null) {
            practitionerId = delivery.tenant().fallbackPractitionerId().orElseThrow(() -> new UnresolvedDependencyException(
                    "no practitioner: the patient names none, has no prescriptions, and the tenant has no fallback"
                            + " practitioner", null));
        } else {
            practitionerId = novaMedId(delivery, ResourceType.PROVIDER, patient.practitionerId(), "practitioner");
        }
        return delivery.withCommand(delivery.commandAs(NovaMedPatient.class).withPractitionerId(practitionerId));
    }

    /** An order's delivery with its patient and prescriber ids. @throws UnresolvedDependencyException */
    public Delivery withParties(Delivery delivery) {
        FhirMedicationOrder order = delivery.sourceAs(FhirMedicationOrder.class);
        if (order.prescriberId() == null) {
            throw new UnresolvedDependencyException("the prescription names no prescriber", null);
        }
        String patientId = novaMedId(delivery, ResourceType.PATIENT, order.patientId(), "patient");
        String practitionerId = novaMedId(delivery, ResourceType.PROVIDER, order.prescriberId(), "prescriber");
        return delivery.withCommand(delivery.commandAs(NovaMedOrderCommand.class).withParties(patientId, practitionerId));
    }

    private String novaMedId(Delivery delivery, ResourceType type, String sourceId, String role) {
        RecordKey key = new RecordKey(delivery.key().tenantId(), delivery.key().sourceSystem(), type, sourceId);
        Optional<String> id = crosswalk.novaMedId(key);
        if (id.isPresent()) {
            return id.get();
        }
        if (!crosswalk.known(key)) {
            throw new UnresolvedDependencyException("the " + role + " " + key + " could not be read from NextGen", key,
                    false);
        }
        throw new UnresolvedDependencyException("waiting for " + role + ": " + key + " is not in NovaMed yet (or its"
                + " NovaMed id is unknown)", key);
    }
}
