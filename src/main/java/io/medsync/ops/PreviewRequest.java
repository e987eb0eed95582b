package io.medsync.ops;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code POST /ops/preview}: a source document and the tenant whose mapping applies.
 *
 * @param source      {@code nexhealth} or {@code fhir}
 * @param resource    for NexHealth: {@code patient}, {@code provider} or {@code appointment}
 * @param fhirVersion for FHIR: {@code r4} or {@code dstu2}; default the tenant's
 * @param document    the JSON as the source serves it (a FHIR resource or Bundle)
 */
@RegisterForReflection
public record PreviewRequest(String tenant, String source, String resource,
        @JsonProperty("fhir_version") String fhirVersion, JsonNode document) {
}
