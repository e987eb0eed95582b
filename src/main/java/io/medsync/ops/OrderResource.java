package io.medsync.ops;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.medsync.ledger.RecordKey;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.novamed.events.NovaMedEventInbox;

/**
 * Medication orders as NovaMed reports them through webhooks: {@code GET /ops/orders/{novamedId}}, or all the
 * NovaMed orders of one ledger record: {@code GET /ops/orders?tenant=&source=&source_id=}.
 */
@Path("/ops/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    private final NovaMedEventInbox events;

    OrderResource(NovaMedEventInbox events) {
        this.events = events;
    }

    @GET
    @Path("/{novamedId}")
    public Response one(@PathParam("novamedId") String novaMedId) {
        List<NovaMedEventInbox.Stored> history = events.forOrder(novaMedId);
        if (history.isEmpty()) {
            return OpsErrors.of(Response.Status.NOT_FOUND, "not_found",
                    "NovaMed has sent no event about order " + novaMedId);
        }
        return Response.ok(OrderView.of(novaMedId, history)).build();
    }

    @GET
    public List<OrderView> ofLedgerRecord(@QueryParam("tenant") String tenant, @QueryParam("source") String source,
            @QueryParam("source_id") String sourceId) {
        if (isBlank(tenant) || isBlank(source) || isBlank(sourceId)) {
            throw new IllegalArgumentException("query parameters tenant, source (nextgen|nexhealth) and source_id"
                    + " are required");
        }
        SourceSystem system;
        try {
            system = SourceSystem.valueOf(source.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("source must be nextgen or nexhealth, not '" + source + "'");
        }
        String ledgerKey = new RecordKey(tenant, system, ResourceType.MEDICATION_ORDER, sourceId).toString();
        return events.ordersLinkedTo(ledgerKey).stream().map(id -> OrderView.of(id, events.forOrder(id))).toList();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
