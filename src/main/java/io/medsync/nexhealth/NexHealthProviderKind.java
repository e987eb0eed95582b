package io.medsync.nexhealth;

import jakarta.enterprise.context.ApplicationScoped;

import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.pipeline.Delivery;
import io.medsync.pipeline.RecordKind;

/** NexHealth providers become NovaMed practitioners. */
@ApplicationScoped
public class NexHealthProviderKind implements RecordKind {

    private final NexHealthProviderMapper mapper;

    NexHealthProviderKind(NexHealthProviderMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public SourceSystem source() {
        return SourceSystem.NEXHEALTH;
    }

    @Override
    public ResourceType resource() {
        return ResourceType.PROVIDER;
    }

    @Override
    public String name() {
        return "nexhealth-provider";
    }

    @Override
    public Class<?> sourceType() {
        return NexHealthProvider.class;
    }

    @Override
    public Object map(Delivery delivery) {
        return mapper.map(delivery.sourceAs(NexHealthProvider.class), delivery.tenant().mappingDefaults());
    }
}
