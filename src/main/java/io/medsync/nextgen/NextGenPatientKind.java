package io.medsync.nextgen;

import jakarta.enterprise.context.ApplicationScoped;

import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.pipeline.Delivery;
import io.medsync.pipeline.RecordKind;

/** FHIR Patients become NovaMed patients, attributed to their practitioner of record. */
@ApplicationScoped
public class NextGenPatientKind implements RecordKind {

    private final FhirPatientMapper mapper;
    private final NextGenPartyResolver parties;

    NextGenPatientKind(FhirPatientMapper mapper, NextGenPartyResolver parties) {
        this.mapper = mapper;
        this.parties = parties;
    }

    @Override
    public SourceSystem source() {
        return SourceSystem.NEXTGEN;
    }

    @Override
    public ResourceType resource() {
        return ResourceType.PATIENT;
    }

    @Override
    public String name() {
        return "nextgen-patient";
    }

    @Override
    public Class<?> sourceType() {
        return FhirPatient.class;
    }

    @Override
    public Object map(Delivery delivery) {
        return mapper.toNovaMed(delivery.sourceAs(FhirPatient.class), delivery.tenant().mappingDefaults());
    }

    @Override
    public Delivery resolveParties(Delivery mapped) {
        return parties.withPractitioner(mapped);
    }
}
