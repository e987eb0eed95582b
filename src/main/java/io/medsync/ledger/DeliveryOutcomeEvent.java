package io.medsync.ledger;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A record's ledger state after a delivery attempt (delivered, failed, in doubt, drifted), on the outcomes topic.
 * Any source and resource (practitioner, patient, medication order...): ids, states and times only, never PHI.
 */
@RegisterForReflection
public record DeliveryOutcomeEvent(int version, String type, String tenant, String source, String resource,
        String sourceId, String novamedId, String state, String at) {

    public static final String TYPE = "delivery-outcome";
}
