package io.medsync.nextgen;

import jakarta.enterprise.context.ApplicationScoped;

import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.pipeline.Delivery;
import io.medsync.pipeline.RecordKind;

/** FHIR Practitioners become NovaMed practitioners. */
@ApplicationScoped
public class NextGenPractitionerKind implements RecordKind {

    private final FhirPractitionerMapper mapper;

    NextGenPractitionerKind(FhirPractitionerMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public SourceSystem source() {
        return SourceSystem.NEXTGEN;
    }

    @Override
    public ResourceType resource() {
        return ResourceType.PROVIDER;
    }

    @Override
    public String name() {
        return "nextgen-practitioner";
    }

    @Override
    public Class<?> sourceType() {
        return FhirPractitioner.class;
    }

    @Override
    public Object map(Delivery delivery) {
        return mapper.toNovaMed(delivery.sourceAs(FhirPractitioner.class), delivery.tenant().mappingDefaults());
    }
}
