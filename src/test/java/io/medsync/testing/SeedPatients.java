package io.medsync.testing;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.medsync.sandbox.NexHealthSandbox;

/** Seeded NexHealth patients with everything NovaMed needs, so that syncing one must end in a delivery. */
public final class SeedPatients {

    private SeedPatients() {
    }

    public static List<Long> complete(NexHealthSandbox nexHealth) {
        return nexHealth.patientIds().stream().filter(id -> isComplete(nexHealth.patient(id).orElseThrow())).toList();
    }

    /** ...and who name no provider, so the tenant's fallback practitioner is all they need. */
    public static List<Long> completeWithoutProvider(NexHealthSandbox nexHealth) {
        return complete(nexHealth).stream()
                .filter(id -> nexHealth.patient(id).orElseThrow().path("provider_id").isNull()).toList();
    }

    private static boolean isComplete(ObjectNode p) {
        return p.path("bio").path("date_of_birth").isTextual() && p.path("bio").path("city").isTextual()
                && p.path("bio").path("address_line_1").isTextual() && p.path("first_name").asText().length() > 1
                && !p.path("inactive").asBoolean();
    }
}
