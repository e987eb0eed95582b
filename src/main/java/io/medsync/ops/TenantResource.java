package io.medsync.ops;

import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.quartz.CronExpression;

import io.medsync.ledger.LedgerBrowser;
import io.medsync.ledger.RecordState;
import io.medsync.ledger.RunHistory;
import io.medsync.ledger.SourceSystem;
import io.medsync.ledger.TenantPauses;
import io.medsync.pipeline.SyncJobRunner;
import io.medsync.pipeline.SyncProgress;
import io.medsync.tenant.Tenant;
import io.medsync.tenant.TenantRegistry;
import io.quarkus.security.identity.SecurityIdentity;

/** Tenants: status per source (last and next run, pull position, backlog, progress), run history, actions. */
@Path("/ops/tenants")
@RolesAllowed(OpsRoles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
public class TenantResource {

    private final TenantRegistry tenants;
    private final TenantPauses pauses;
    private final RunHistory history;
    private final LedgerBrowser ledger;
    private final SyncProgress progress;
    private final SyncJobRunner runner;
    private final SecurityIdentity caller;
    private final AuditedKeys audited;
    private final boolean schedulesEnabled;

    TenantResource(TenantRegistry tenants, TenantPauses pauses, RunHistory history, LedgerBrowser ledger,
            SyncProgress progress, SyncJobRunner runner, SecurityIdentity caller, AuditedKeys audited,
            @ConfigProperty(name = "medsync.schedules.enabled") boolean schedulesEnabled) {
        this.tenants = tenants;
        this.pauses = pauses;
        this.history = history;
        this.ledger = ledger;
        this.progress = progress;
        this.runner = runner;
        this.caller = caller;
        this.audited = audited;
        this.schedulesEnabled = schedulesEnabled;
    }

    @GET
    public List<TenantStatus> list() {
        return tenants.all().stream().map(this::status).toList();
    }

    @GET
    @Path("/{id}")
    public TenantStatus one(@PathParam("id") String id) {
        return status(tenants.get(id));
    }

    /** The tenant's finished runs, newest first. */
    @GET
    @Path("/{id}/runs")
    public List<TenantStatus.Run> runs(@PathParam("id") String id, @QueryParam("source") String source,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        return history.recent(tenants.get(id).id(), source, Math.min(Math.max(limit, 1), 1000)).stream()
                .map(TenantStatus.Run::of).toList();
    }

    /** Starts a sync of the tenant (one source, or all) now: 202, or 409 while one is running. */
    @POST
    @Path("/{id}/sync")
    @RolesAllowed(OpsRoles.OPERATOR)
    @Audited("tenant.sync-now")
    public Response syncNow(@PathParam("id") String id, @QueryParam("source") String source) {
        audited.mention(tenants.get(id).id());
        if (!runner.syncNow(id, source)) {
            throw new IllegalStateException("a sync of tenant " + id + " is already running");
        }
        return Response.accepted(Map.of("tenant", id, "source", source == null ? "all" : source,
                "status", "started")).build();
    }

    @POST
    @Path("/{id}/pause")
    @RolesAllowed(OpsRoles.OPERATOR)
    @Audited("tenant.pause")
    public TenantStatus pause(@PathParam("id") String id) {
        Tenant tenant = tenants.get(id);
        audited.mention(tenant.id());
        pauses.pause(tenant.id(), caller.getPrincipal().getName());
        return status(tenant);
    }

    @POST
    @Path("/{id}/resume")
    @RolesAllowed(OpsRoles.OPERATOR)
    @Audited("tenant.resume")
    public TenantStatus resume(@PathParam("id") String id) {
        Tenant tenant = tenants.get(id);
        audited.mention(tenant.id());
        pauses.resume(tenant.id());
        return status(tenant);
    }

    private TenantStatus status(Tenant tenant) {
        boolean paused = pauses.paused(tenant.id());
        List<TenantStatus.Source> sources = new ArrayList<>();
        if (tenant.readsNexHealth()) {
            sources.add(source(tenant, SourceSystem.NEXHEALTH, tenant.nexHealthSyncCron(), paused));
        }
        tenant.nextGen().ifPresent(n -> sources.add(source(tenant, SourceSystem.NEXTGEN, n.syncCron(), paused)));
        return new TenantStatus(tenant.id(), sources);
    }

    private TenantStatus.Source source(Tenant tenant, SourceSystem system, String cron, boolean paused) {
        String source = system.label();
        Map<RecordState, Long> states = ledger.countByState(tenant.id(), system);
        return new TenantStatus.Source(source, paused ? "paused" : "enabled",
                history.last(tenant.id(), source).map(TenantStatus.Run::of).orElse(null),
                nextRun(cron), ledger.cursors(tenant.id(), system),
                new TenantStatus.Backlog(states.getOrDefault(RecordState.PARKED, 0L),
                        states.getOrDefault(RecordState.IN_DOUBT, 0L), ledger.openDeadLetters(tenant.id(), system)),
                progress.running(tenant.id(), source).map(TenantStatus.Running::of).orElse(null));
    }

    private Instant nextRun(String cron) {
        if (!schedulesEnabled || cron == null || "off".equals(cron)) {
            return null;
        }
        try {
            Date next = new CronExpression(cron).getNextValidTimeAfter(new Date());
            return next == null ? null : next.toInstant();
        } catch (ParseException e) {
            return null;
        }
    }
}
