package io.medsync.ops;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.medsync.pipeline.PartnerCircuits;

/**
 * {@code GET /ops/partners}: each partner API key's circuit as this process sees it — {@code closed} (answering),
 * {@code open} (its records wait, pending) or {@code half_open} (a probe is out) — and since when. Tenant ids only.
 */
@Path("/ops/partners")
@RolesAllowed(OpsRoles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
public class PartnerStatusResource {

    private final PartnerCircuits circuits;

    PartnerStatusResource(PartnerCircuits circuits) {
        this.circuits = circuits;
    }

    @GET
    public List<Map<String, Object>> list() {
        return circuits.all().stream()
                .<Map<String, Object>>map(c -> Map.of("partner", c.partner(), "tenant", c.tenant(),
                        "state", c.state().name().toLowerCase(), "available", !c.unavailable(),
                        "since", c.changedAt().toString()))
                .toList();
    }
}
