package io.medsync.nexhealth;

import jakarta.enterprise.context.ApplicationScoped;

import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.pipeline.Delivery;
import io.medsync.pipeline.RecordKind;

/** NexHealth patients become NovaMed patients, attributed to the NovaMed practitioner of their provider. */
@ApplicationScoped
public class NexHealthPatientKind implements RecordKind {

    private final NexHealthPatientMapper mapper;
    private final PractitionerResolver practitioners;

    NexHealthPatientKind(NexHealthPatientMapper mapper, PractitionerResolver practitioners) {
        this.mapper = mapper;
        this.practitioners = practitioners;
    }

    @Override
    public SourceSystem source() {
        return SourceSystem.NEXHEALTH;
    }

    @Override
    public ResourceType resource() {
        return ResourceType.PATIENT;
    }

    @Override
    public String name() {
        return "nexhealth-patient";
    }

    @Override
    public Class<?> sourceType() {
        return NexHealthPatient.class;
    }

    @Override
    public Object map(Delivery delivery) {
        return mapper.map(delivery.sourceAs(NexHealthPatient.class), delivery.tenant().mappingDefaults());
    }

    @Override
    public Delivery resolveParties(Delivery mapped) {
        return practitioners.withPractitioner(mapped);
    }
}
