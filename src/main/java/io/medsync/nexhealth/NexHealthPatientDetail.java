package io.medsync.nexhealth;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A patient fetched by id, with the NexHealth locations it belongs to (for picking the tenant's location): the
 * {@code data} of {@code GET /patients/{id}}, the patient's own fields beside its {@code location_ids}.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record NexHealthPatientDetail(@JsonUnwrapped NexHealthPatient patient,
        @JsonProperty("location_ids") List<Long> locationIds) {

    public NexHealthPatientDetail {
        locationIds = locationIds == null ? List.of() : List.copyOf(locationIds);
    }
}
