package io.medsync.kafka;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * "Refill this order", from the refill-requests topic (version 1). The order is named by its NovaMed id or by the
 * source prescription medsync delivered ({@code source_order_id}, a NextGen MedicationRequest/MedicationOrder id).
 * {@code requestId} is the requester's own id for this refill: the ledger key, so a repeated request is a no-op.
 */
@RegisterForReflection
public record RefillRequest(
        String tenant,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("medication_request_id") String medicationRequestId,
        @JsonProperty("source_order_id") String sourceOrderId,
        @JsonProperty("shipment_group_id") String shipmentGroupId) {
}
