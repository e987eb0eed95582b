package io.medsync.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A record's ledger state after a delivery attempt (delivered, failed, in doubt, drifted, parked), on the outcomes
 * topic. Any source and resource (practitioner, patient, medication order...): ids, states and times only, never
 * PHI. {@code waitingFor} is the key of the record a parked one waits for (absent otherwise); its final state follows
 * in a later event.
 */
@RegisterForReflection
public record DeliveryOutcomeEvent(int version, String type, String tenant, String source, String resource,
        String sourceId, String novamedId, String state, String at,
        @JsonInclude(JsonInclude.Include.NON_NULL) String waitingFor) {

    public static final String TYPE = "delivery-outcome";
}
