package io.medsync.ops;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.medsync.ledger.Ledger;
import io.medsync.ledger.LedgerEntry;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.novamed.events.NovaMedEventInbox;
import io.medsync.web.OpsErrors;

/**
 * Medication orders as NovaMed reports them through webhooks: {@code GET /ops/orders/{novamedId}}, or all the
 * NovaMed orders of one ledger record: {@code GET /ops/orders?tenant=&source=&source_id=}.
 */
@Path("/ops/orders")
@RolesAllowed(OpsRoles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    private final NovaMedEventInbox events;
    private final Ledger ledger;

    OrderResource(NovaMedEventInbox events, Ledger ledger) {
        this.events = events;
        this.ledger = ledger;
    }

    @GET
    @Path("/{novamedId}")
    public Response one(@PathParam("novamedId") String novaMedId) {
        List<NovaMedEventInbox.Stored> history = events.forOrder(novaMedId);
        if (history.isEmpty()) {
            return OpsErrors.of(Response.Status.NOT_FOUND, "not_found",
                    "NovaMed has sent no event about order " + novaMedId);
        }
        return Response.ok(view(novaMedId, history)).build();
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
        RecordKey key = new RecordKey(tenant, system, ResourceType.MEDICATION_ORDER, sourceId);
        Set<String> orderIds = new LinkedHashSet<>(events.ordersLinkedTo(key.toString()));
        ledger.find(key).map(LedgerEntry::novaMedId).ifPresent(orderIds::add);
        return orderIds.stream().map(id -> Map.entry(id, events.forOrder(id))).filter(e -> !e.getValue().isEmpty())
                .map(e -> view(e.getKey(), e.getValue())).toList();
    }

    /**
     * Events that came before the order had its NovaMed id in the ledger (an in-doubt order an operator resolved
     * later) were stored unlinked: the crosswalk as it is now names the record.
     */
    private OrderView view(String novaMedId, List<NovaMedEventInbox.Stored> history) {
        OrderView view = OrderView.of(novaMedId, history);
        if (view.ledgerKey() != null) {
            return view;
        }
        return ledger.findByNovaMedId(ResourceType.MEDICATION_ORDER, novaMedId)
                .map(entry -> view.withLedgerKey(entry.key().toString())).orElse(view);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
