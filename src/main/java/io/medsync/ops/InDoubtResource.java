package io.medsync.ops;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.medsync.ledger.Ledger;
import io.medsync.ledger.LedgerEntry;
import io.medsync.ledger.RecordState;
import io.medsync.novamed.events.NovaMedEventInbox;
import io.medsync.pipeline.DependentRelease;
import io.medsync.pipeline.Redelivery;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Records whose create may or may not have reached NovaMed. An operator checks NovaMed and either marks one
 * delivered (with the NovaMed id found) or releases it to be sent again.
 */
@Path("/ops/in-doubt")
@RolesAllowed(OpsRoles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
public class InDoubtResource {

    @RegisterForReflection
    public record Resolution(@JsonProperty("novamed_id") String novaMedId) {
    }

    private final Ledger ledger;
    private final Redelivery redelivery;
    private final DependentRelease dependents;
    private final NovaMedEventInbox novaMedEvents;
    private final AuditedKeys audited;

    InDoubtResource(Ledger ledger, Redelivery redelivery, DependentRelease dependents,
            NovaMedEventInbox novaMedEvents, AuditedKeys audited) {
        this.audited = audited;
        this.ledger = ledger;
        this.redelivery = redelivery;
        this.dependents = dependents;
        this.novaMedEvents = novaMedEvents;
    }

    @GET
    public List<LedgerRecordView> list(@QueryParam("tenant") String tenant,
            @QueryParam("limit") @DefaultValue("500") int limit) {
        return ledger.inState(RecordState.IN_DOUBT, tenant, Math.min(Math.max(limit, 1), 10000)).stream()
                .map(this::withSuggestion).toList();
    }

    /** Adds the NovaMed order a webhook suggests this record became, if any. */
    private LedgerRecordView withSuggestion(LedgerEntry entry) {
        LedgerRecordView view = LedgerRecordView.of(entry);
        return novaMedEvents.latestSuggestionFor(entry.key().toString())
                .map(e -> view.withSuggestion(e.orderId(),
                        new LedgerRecordView.Suggestion(e.name(), e.id(), e.receivedAt())))
                .orElse(view);
    }

    @RolesAllowed(OpsRoles.OPERATOR)
    @POST
    @Path("/{id}/delivered")
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited("in-doubt.resolve-delivered")
    public Response markDelivered(@PathParam("id") long id, Resolution resolution) {
        if (resolution == null || resolution.novaMedId() == null || resolution.novaMedId().isBlank()) {
            throw new IllegalArgumentException("body must be {\"novamed_id\": \"<id found in NovaMed>\"}");
        }
        LedgerEntry entry = inDoubt(id);
        ledger.markDelivered(entry.key(), resolution.novaMedId());
        dependents.releaseDependentsOf(entry.key());
        return Response.ok(LedgerRecordView.of(ledger.findById(id).orElseThrow())).build();
    }

    @RolesAllowed(OpsRoles.OPERATOR)
    @POST
    @Path("/{id}/release")
    @Audited("in-doubt.release")
    public Map<String, Object> release(@PathParam("id") long id) {
        LedgerEntry entry = inDoubt(id);
        RecordState outcome = redelivery.redeliverStored(entry.key())
                .orElseThrow(() -> new IllegalStateException("record " + id + " has no stored payload to resend"));
        return Map.of("id", id, "record", entry.key().toString(), "outcome", outcome);
    }

    private LedgerEntry inDoubt(long id) {
        LedgerEntry entry = ledger.findById(id)
                .orElseThrow(() -> new IllegalArgumentException("no ledger record " + id));
        audited.mention(entry.key());
        if (entry.state() != RecordState.IN_DOUBT) {
            throw new IllegalStateException("ledger record " + id + " is " + entry.state().name().toLowerCase()
                    + ", not in doubt");
        }
        return entry;
    }
}
