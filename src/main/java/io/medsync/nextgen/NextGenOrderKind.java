package io.medsync.nextgen;

import jakarta.enterprise.context.ApplicationScoped;

import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.mapping.MappingException;
import io.medsync.novamed.NovaMedSettings;
import io.medsync.pipeline.Delivery;
import io.medsync.pipeline.RecordKind;

/**
 * FHIR prescriptions (R4 MedicationRequest, DSTU2 MedicationOrder) become NovaMed medication orders in the configured
 * body shape, for the NovaMed patient and prescriber of the prescription.
 */
@ApplicationScoped
public class NextGenOrderKind implements RecordKind {

    private final FhirMedicationOrderMapper mapper;
    private final NextGenPartyResolver parties;
    private final NovaMedSettings novaMed;

    NextGenOrderKind(FhirMedicationOrderMapper mapper, NextGenPartyResolver parties, NovaMedSettings novaMed) {
        this.mapper = mapper;
        this.parties = parties;
        this.novaMed = novaMed;
    }

    @Override
    public SourceSystem source() {
        return SourceSystem.NEXTGEN;
    }

    @Override
    public ResourceType resource() {
        return ResourceType.MEDICATION_ORDER;
    }

    @Override
    public String name() {
        return "nextgen-order";
    }

    @Override
    public Class<?> sourceType() {
        return FhirMedicationOrder.class;
    }

    @Override
    public Object map(Delivery delivery) {
        return mapper.map(delivery.sourceAs(FhirMedicationOrder.class), delivery.tenant().orderDefaults()
                .orElseThrow(() -> new MappingException(
                        "the tenant has no medication-order defaults (carrier-id, service-id)")),
                novaMed.medicationOrder().shape());
    }

    @Override
    public Delivery resolveParties(Delivery mapped) {
        return parties.withParties(mapped);
    }
}
