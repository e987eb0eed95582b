package io.medsync.ops;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.medsync.ledger.DeadLetterStore;
import io.medsync.ledger.Ledger;

/** How many records are in each state, per tenant and resource, and the open dead-letter backlog. */
@Path("/ops/records")
@Produces(MediaType.APPLICATION_JSON)
public class RecordCountsResource {

    private final Ledger ledger;
    private final DeadLetterStore deadLetters;

    RecordCountsResource(Ledger ledger, DeadLetterStore deadLetters) {
        this.ledger = ledger;
        this.deadLetters = deadLetters;
    }

    @GET
    @Path("/counts")
    public Map<String, Object> counts() {
        List<Map<String, Object>> rows = ledger.countAll().stream()
                .map(c -> Map.<String, Object>of("tenant", c.tenantId(), "resource", c.resourceType().label(),
                        "state", c.state().name().toLowerCase(), "count", c.count()))
                .toList();
        return Map.of("records", rows, "open_dead_letters", deadLetters.openBacklog());
    }
}
