package io.medsync.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import io.medsync.crypto.SealedPayload;
import io.medsync.ledger.DeadLetterStore;
import io.medsync.ledger.Ledger;
import io.medsync.ledger.LedgerBrowser;
import io.medsync.ledger.LedgerEntry;
import io.medsync.ledger.PayloadVault;
import io.medsync.ledger.RecordState;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The ledger for operators: how many records are in each state, and a browser over the records themselves (keys,
 * states, reasons and times; the stored source record, which is PHI, only on request, to an operator, audited).
 */
@Path("/ops/records")
@RolesAllowed(OpsRoles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
public class RecordCountsResource {

    private final Ledger ledger;
    private final DeadLetterStore deadLetters;
    private final LedgerBrowser browser;
    private final PayloadVault vault;
    private final SecurityIdentity caller;
    private final AuditedKeys audited;

    RecordCountsResource(Ledger ledger, DeadLetterStore deadLetters, LedgerBrowser browser, PayloadVault vault,
            SecurityIdentity caller, AuditedKeys audited) {
        this.ledger = ledger;
        this.deadLetters = deadLetters;
        this.browser = browser;
        this.vault = vault;
        this.caller = caller;
        this.audited = audited;
    }

    @GET
    @Audited("records.browse")
    public RecordPage browse(@QueryParam("tenant") String tenant, @QueryParam("source") String source,
            @QueryParam("kind") String kind, @QueryParam("state") String state, @QueryParam("since") String since,
            @QueryParam("limit") @DefaultValue("100") int limit, @QueryParam("cursor") Long cursor,
            @QueryParam("include_payload") boolean includePayload) {
        return page(new LedgerBrowser.Filter(tenant, OpsParameters.option("source", source, SourceSystem.class),
                OpsParameters.option("kind", kind, ResourceType.class),
                OpsParameters.option("state", state, RecordState.class), OpsParameters.instant("since", since),
                cursor, OpsParameters.limit(limit, 1000)), includePayload);
    }

    /**
     * Records whose source changed after they were delivered: NovaMed has no update endpoint, so the change has to
     * be made in NovaMed by hand. The ledger marks them drifted when a pull meets the new content.
     */
    @GET
    @Path("/drifted")
    public RecordPage drifted(@QueryParam("tenant") String tenant, @QueryParam("limit") @DefaultValue("100") int limit,
            @QueryParam("cursor") Long cursor) {
        return page(new LedgerBrowser.Filter(tenant, null, null, RecordState.DRIFTED, null, cursor,
                OpsParameters.limit(limit, 1000)), false);
    }

    private RecordPage page(LedgerBrowser.Filter filter, boolean includePayload) {
        if (includePayload && !caller.hasRole(OpsRoles.OPERATOR)) {
            throw new ForbiddenException();
        }
        List<LedgerEntry> entries = browser.browse(filter);
        Map<Long, JsonNode> payloads = null;
        if (includePayload) {
            payloads = new LinkedHashMap<>();
            for (LedgerEntry e : entries) {
                Optional<SealedPayload> sealed = ledger.storedPayload(e.key());
                if (sealed.isPresent()) {
                    audited.mention(e.key());
                    payloads.put(e.id(), vault.open(e.key(), sealed.get()));
                }
            }
        }
        Long next = entries.size() < filter.limit() ? null : entries.get(entries.size() - 1).id();
        return new RecordPage(entries.stream().map(LedgerRecordView::of).toList(), payloads, next);
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
