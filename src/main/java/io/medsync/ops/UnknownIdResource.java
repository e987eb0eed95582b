package io.medsync.ops;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

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

import com.fasterxml.jackson.annotation.JsonProperty;

import io.medsync.ledger.Ledger;
import io.medsync.ledger.LedgerEntry;
import io.medsync.ledger.NovaMedIdCrosswalk;
import io.medsync.ledger.RecordState;
import io.medsync.pipeline.NovaMedIdentity;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Records delivered with their NovaMed id unknown (NovaMed answered "already exists", e.g. a resend after a crash, or
 * a practitioner whose NPI NovaMed had from elsewhere). Their dependents (a practitioner's patients, a patient's
 * orders) wait for that id: the operator looks the record up in NovaMed and sets it here, and they are released.
 */
@Path("/ops/unknown-ids")
@RolesAllowed(OpsRoles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
public class UnknownIdResource {

    /** NovaMed's ids are UUIDs (contract): anything else would park the dependents again at NovaMed's door. */
    private static final Pattern NOVAMED_ID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @RegisterForReflection
    public record UnknownIdView(LedgerRecordView record, @JsonProperty("blocked_dependents") long blockedDependents) {
    }

    @RegisterForReflection
    public record NovaMedId(@JsonProperty("novamed_id") String novaMedId) {
    }

    private final NovaMedIdCrosswalk crosswalk;
    private final NovaMedIdentity identity;
    private final Ledger ledger;
    private final AuditedKeys audited;

    UnknownIdResource(NovaMedIdCrosswalk crosswalk, NovaMedIdentity identity, Ledger ledger, AuditedKeys audited) {
        this.crosswalk = crosswalk;
        this.identity = identity;
        this.ledger = ledger;
        this.audited = audited;
    }

    @GET
    public List<UnknownIdView> list(@QueryParam("tenant") String tenant,
            @QueryParam("limit") @DefaultValue("500") int limit) {
        return crosswalk.unknownIds(tenant, Math.min(Math.max(limit, 1), 10000)).stream()
                .map(u -> new UnknownIdView(LedgerRecordView.of(u.record()), u.blockedDependents())).toList();
    }

    /** Sets the id found in NovaMed; the records parked on this one are released (delivered, mostly) at once. */
    @RolesAllowed(OpsRoles.OPERATOR)
    @POST
    @Path("/{id}/novamed-id")
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited("unknown-id.set")
    public Map<String, Object> setNovaMedId(@PathParam("id") long id, NovaMedId body) {
        if (body == null || body.novaMedId() == null || !NOVAMED_ID.matcher(body.novaMedId()).matches()) {
            throw new IllegalArgumentException("body must be {\"novamed_id\": \"<the record's id in NovaMed, a UUID>\"}");
        }
        LedgerEntry entry = ledger.findById(id).orElseThrow(() -> new IllegalArgumentException("no ledger record " + id));
        audited.mention(entry.key());
        if (!(entry.state() == RecordState.DELIVERED || entry.state() == RecordState.DRIFTED)
                || entry.novaMedId() != null) {
            throw new IllegalStateException("ledger record " + id + " is " + entry.state().name().toLowerCase()
                    + (entry.novaMedId() != null ? " with a NovaMed id already" : ", not delivered"));
        }
        long waiting = ledger.parkedOn(entry.key()).size();
        if (!identity.settle(entry.key(), body.novaMedId())) {
            throw new IllegalStateException("ledger record " + id + " changed meanwhile: look again");
        }
        return Map.of("record", LedgerRecordView.of(ledger.findById(id).orElseThrow()),
                "released_dependents", waiting,
                "still_parked", ledger.parkedOn(entry.key()).size());
    }
}
