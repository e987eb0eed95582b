package io.medsync.novamed;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of {@code POST /api/external/refill-request} ({@code RefillRequest}): a refill of a NovaMed order. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NovaMedRefillRequest(
        @JsonProperty("medication_request_id") String medicationRequestId,
        @JsonProperty("shipment_group_id") String shipmentGroupId) {
}
