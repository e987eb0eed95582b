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
import io.medsync.pipeline.GoLiveComparison;
import io.medsync.pipeline.GoLiveRehearsal;
import io.medsync.pipeline.ReadinessMarkdown;
import io.medsync.pipeline.SyncJobRunner;
import io.medsync.pipeline.SyncProgress;
import io.medsync.tenant.Tenant;
import io.medsync.tenant.TenantRegistry;
import io.medsync.web.OpsErrors;
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
    private final GoLiveRehearsal rehearsal;
    private final GoLiveComparison comparison;

    TenantResource(TenantRegistry tenants, TenantPauses pauses, RunHistory history, LedgerBrowser ledger,
            SyncProgress progress, SyncJobRunner runner, SecurityIdentity caller, AuditedKeys audited,
            @ConfigProperty(name = "medsync.schedules.enabled") boolean schedulesEnabled, GoLiveRehearsal rehearsal,
            GoLiveComparison comparison) {
        this.rehearsal = rehearsal;
        this.comparison = comparison;
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

    /**
     * Starts a sync of the tenant (one source, or all) now: 202, or 409 while one is running. {@code full=true}
     * pulls every record instead of the changes since the last run (a full re-sync: the ledger still skips what is
     * unchanged, so it costs source reads, not NovaMed calls).
     */
    @POST
    @Path("/{id}/sync")
    @RolesAllowed(OpsRoles.OPERATOR)
    @Audited("tenant.sync-now")
    public Response syncNow(@PathParam("id") String id, @QueryParam("source") String source,
            @QueryParam("full") String fullParameter) {
        audited.mention(tenants.get(id).id());
        boolean full = OpsParameters.flag("full", fullParameter);
        if (!runner.syncNow(id, source, full)) {
            throw new IllegalStateException("a sync of tenant " + id + " is already running");
        }
        return Response.accepted(Map.of("tenant", id, "source", source == null ? "all" : source,
                "full", full, "status", "started")).build();
    }

    /**
     * Starts the tenant's go-live dry run (its first full sync rehearsed, nothing sent or written to the ledger):
     * 202, or 409 while a sync or dry run of the tenant is running. {@code requests_per_minute} forecasts the run at
     * that NovaMed budget instead of the configured one.
     */
    @POST
    @Path("/{id}/dry-run")
    @RolesAllowed(OpsRoles.OPERATOR)
    @Audited("tenant.dry-run")
    public Response dryRun(@PathParam("id") String id, @QueryParam("requests_per_minute") Integer requestsPerMinute) {
        audited.mention(tenants.get(id).id());
        if (requestsPerMinute != null && requestsPerMinute <= 0) {
            throw new IllegalArgumentException("requests_per_minute must be positive");
        }
        String dryRunId = rehearsal.start(id, requestsPerMinute).orElseThrow(() -> new IllegalStateException(
                "a sync or dry run of tenant " + id + " is already running"));
        return Response.accepted(Map.of("tenant", id, "dry_run_id", dryRunId, "status", "started")).build();
    }

    /** The running dry run's progress (null when none runs) and the latest readiness report (null before the first). */
    @GET
    @Path("/{id}/dry-run")
    public Map<String, Object> dryRunStatus(@PathParam("id") String id) {
        String tenant = tenants.get(id).id();
        Map<String, Object> status = new java.util.LinkedHashMap<>();
        status.put("tenant", tenant);
        status.put("running", rehearsal.progress(tenant).orElse(null));
        status.put("report", rehearsal.latest(tenant).orElse(null));
        return status;
    }

    /** The latest readiness report as Markdown. */
    @GET
    @Path("/{id}/dry-run/report.md")
    @Produces("text/markdown")
    public Response dryRunMarkdown(@PathParam("id") String id) {
        return rehearsal.latest(tenants.get(id).id())
                .map(report -> Response.ok(ReadinessMarkdown.render(report), "text/markdown;charset=UTF-8").build())
                .orElseGet(TenantResource::noDryRun);
    }

    /** The latest dry run's report beside the tenant's first real runs after it, with every difference. */
    @GET
    @Path("/{id}/go-live")
    public Response goLive(@PathParam("id") String id) {
        return comparison.of(tenants.get(id).id()).map(c -> Response.ok(c).build())
                .orElseGet(TenantResource::noDryRun);
    }

    private static Response noDryRun() {
        return OpsErrors.of(Response.Status.NOT_FOUND, "no_dry_run", "the tenant has no dry-run report yet");
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
