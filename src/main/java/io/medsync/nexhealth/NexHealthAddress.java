package io.medsync.nexhealth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code PatientDetailed.address} of the v20240412 API ({@code API_V2_Entities_PatientAddress}). */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NexHealthAddress(
        @JsonProperty("line_1") String line1,
        @JsonProperty("line_2") String line2,
        String city,
        String region,
        @JsonProperty("postal_code") String postalCode) {
}
