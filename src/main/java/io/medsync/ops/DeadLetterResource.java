package io.medsync.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.medsync.ledger.DeadLetter;
import io.medsync.ledger.DeadLetterFilter;
import io.medsync.ledger.DeadLetterStore;
import io.medsync.ledger.PayloadVault;
import io.medsync.ledger.RecordState;
import io.medsync.pipeline.DeadLetterReplay;
import io.medsync.web.OpsErrors;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;

/** Dead letters: list, show, replay (one, by filter, all), discard, prune. */
@Path("/ops/dead-letters")
@RolesAllowed(OpsRoles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    private final DeadLetterStore store;
    private final DeadLetterReplay replay;
    private final PayloadVault vault;
    private final AuditedKeys audited;
    private final SecurityIdentity caller;

    DeadLetterResource(DeadLetterStore store, DeadLetterReplay replay, PayloadVault vault, AuditedKeys audited,
            SecurityIdentity caller) {
        this.store = store;
        this.replay = replay;
        this.vault = vault;
        this.audited = audited;
        this.caller = caller;
    }

    @GET
    public List<DeadLetterView> list(@QueryParam("tenant") String tenant, @QueryParam("stage") String stage,
            @QueryParam("status") @DefaultValue("open") String status, @QueryParam("since") String since,
            @QueryParam("until") String until, @QueryParam("limit") @DefaultValue("500") int limit) {
        return store.list(filter(tenant, stage, status, since, until, limit)).stream()
                .map(d -> DeadLetterView.of(d, null)).toList();
    }

    /** With {@code include_payload=true} the decrypted source record is shown: PHI, for an authorised operator. */
    @GET
    @Path("/{id}")
    @Audited("dead-letter.show")
    public Response show(@PathParam("id") long id, @QueryParam("include_payload") boolean includePayload) {
        if (includePayload && !caller.hasRole(OpsRoles.OPERATOR)) {
            throw new ForbiddenException();
        }
        store.find(id).ifPresent(d -> audited.mention(d.key()));
        return store.find(id)
                .map(d -> Response.ok(DeadLetterView.of(d, includePayload
                        ? store.payload(id).map(p -> vault.open(d.key(), p)).orElse(null) : null)).build())
                .orElseGet(() -> notFound(id));
    }

    @RolesAllowed(OpsRoles.OPERATOR)
    @POST
    @Path("/{id}/replay")
    @Audited("dead-letter.replay")
    public Response replayOne(@PathParam("id") long id) {
        store.find(id).ifPresent(d -> audited.mention(d.key()));
        return replay.replay(id).<Response>map(r -> Response.ok(r).build()).orElseGet(() -> notFound(id));
    }

    /** Replays the open dead letters a filter selects; {@code all=true} is required to replay without a filter. */
    @RolesAllowed(OpsRoles.OPERATOR)
    @POST
    @Path("/replay")
    @Audited("dead-letter.replay-many")
    public Map<String, Object> replayMany(@QueryParam("tenant") String tenant, @QueryParam("stage") String stage,
            @QueryParam("since") String since, @QueryParam("until") String until,
            @QueryParam("all") boolean all, @QueryParam("limit") @DefaultValue("10000") int limit) {
        if (!all && tenant == null && stage == null && since == null && until == null) {
            throw new IllegalArgumentException("give a filter (tenant, stage, since, until) or all=true");
        }
        Map<RecordState, Integer> outcomes = replay.replayAll(filter(tenant, stage, "open", since, until, limit));
        return Map.of("replayed", outcomes.values().stream().mapToInt(Integer::intValue).sum(), "outcomes", outcomes);
    }

    @RolesAllowed(OpsRoles.OPERATOR)
    @DELETE
    @Path("/{id}")
    @Audited("dead-letter.discard")
    public Response discard(@PathParam("id") long id) {
        store.find(id).ifPresent(d -> audited.mention(d.key()));
        if (store.find(id).isEmpty()) {
            return notFound(id);
        }
        if (!store.close(id, DeadLetter.Status.DISCARDED)) {
            throw new IllegalStateException("dead letter " + id + " is not open");
        }
        return Response.noContent().build();
    }

    @RolesAllowed(OpsRoles.OPERATOR)
    @POST
    @Path("/prune")
    @Audited("dead-letter.prune")
    public Map<String, Object> prune(@QueryParam("older_than_days") Integer olderThanDays) {
        if (olderThanDays == null || olderThanDays < 0) {
            throw new IllegalArgumentException("older_than_days must be given, 0 or more");
        }
        Instant cutoff = Instant.now().minus(Duration.ofDays(olderThanDays));
        return Map.of("pruned", store.pruneCreatedBefore(cutoff), "cutoff", cutoff.toString());
    }

    private static DeadLetterFilter filter(String tenant, String stage, String status, String since, String until,
            int limit) {
        DeadLetter.Status wanted;
        try {
            wanted = "any".equals(status) ? null : DeadLetter.Status.valueOf(status.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status must be open, replayed, discarded or any");
        }
        return new DeadLetterFilter(tenant, stage, wanted, instant("since", since), instant("until", until),
                Math.min(Math.max(limit, 1), 10000));
    }

    private static Instant instant(String name, String value) {
        return OpsParameters.instant(name, value);
    }

    private static Response notFound(long id) {
        return OpsErrors.of(Response.Status.NOT_FOUND, "not_found", "no dead letter " + id);
    }
}
