package io.medsync.pipeline;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.medsync.ledger.ContentHash;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.nexhealth.NexHealthPatient;
import io.medsync.kafka.RefillRequest;
import io.medsync.nexhealth.NexHealthProvider;
import io.medsync.nextgen.FhirMedicationOrder;
import io.medsync.nextgen.FhirPatient;
import io.medsync.nextgen.FhirPractitioner;
import io.medsync.tenant.Tenant;

/**
 * Which Java type and which delivery route each kind of source record has, so that stored payloads (parked,
 * in-doubt, dead-lettered) can go through the pipeline again. New sources register here.
 */
@ApplicationScoped
public class SourceRecordTypes {

    private record Kind(SourceSystem system, ResourceType resource) {
    }

    private record Handling(Class<?> type, String deliveryEndpoint) {
    }

    private static final Map<Kind, Handling> HANDLING = Map.of(
            new Kind(SourceSystem.NEXHEALTH, ResourceType.PROVIDER),
            new Handling(NexHealthProvider.class, "direct:deliver-provider"),
            new Kind(SourceSystem.NEXHEALTH, ResourceType.PATIENT),
            new Handling(NexHealthPatient.class, "direct:deliver-patient"),
            new Kind(SourceSystem.NEXTGEN, ResourceType.PROVIDER),
            new Handling(FhirPractitioner.class, "direct:deliver-nextgen-practitioner"),
            new Kind(SourceSystem.NEXTGEN, ResourceType.PATIENT),
            new Handling(FhirPatient.class, "direct:deliver-nextgen-patient"),
            new Kind(SourceSystem.NEXTGEN, ResourceType.MEDICATION_ORDER),
            new Handling(FhirMedicationOrder.class, "direct:deliver-nextgen-order"),
            new Kind(SourceSystem.KAFKA, ResourceType.REFILL),
            new Handling(RefillRequest.class, "direct:deliver-refill"));

    private final ObjectMapper json;

    SourceRecordTypes(ObjectMapper json) {
        this.json = json;
    }

    public String deliveryEndpoint(RecordKey key) {
        return handling(key).deliveryEndpoint();
    }

    /** Rebuilds the delivery of a stored payload; a payload that no longer reads is delivered as malformed. */
    public Delivery toDelivery(Tenant tenant, RecordKey key, JsonNode payload) {
        try {
            Object source = json.treeToValue(payload, handling(key).type());
            return Delivery.of(tenant, key, ContentHash.of(source), source);
        } catch (java.io.IOException e) {
            return Delivery.malformed(tenant, key, "stored payload does not match the contract", payload);
        }
    }

    private static Handling handling(RecordKey key) {
        Handling handling = HANDLING.get(new Kind(key.sourceSystem(), key.resourceType()));
        if (handling == null) {
            throw new IllegalArgumentException("no pipeline for " + key.sourceSystem().label() + " "
                    + key.resourceType().label() + " records");
        }
        return handling;
    }
}
