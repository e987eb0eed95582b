package io.medsync.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.medsync.ledger.DryRunReports;
import io.medsync.ledger.ResourceType;
import io.medsync.ratelimit.RateBudgetSettings;
import io.medsync.tenant.Tenant;
import io.medsync.tenant.TenantRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The go-live dry run of a tenant: its first full sync rehearsed through the sync's own routes in a
 * {@link DryRun#rehearsal()} (same paging, rate limits and tokens; nothing sent to NovaMed, no ledger record written,
 * cursors left alone), ending in a {@link ReadinessReport} that is stored for the comparison with the first real run.
 * A rehearsal and a sync of the same tenant never run at once.
 */
@ApplicationScoped
public class GoLiveRehearsal {

    private static final Logger LOG = Logger.getLogger(GoLiveRehearsal.class);
    private static final List<String> SOURCES = List.of("nexhealth", "nextgen");

    /** A rehearsal in progress: what it has read and settled so far. Ids and counts only. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Progress(String id, String tenant, Instant startedAt, long pulled, long settled) {
    }

    /** {@code runs}: the pull counts and errors of each source read so far, by source. */
    private record Running(String id, String tenant, Instant startedAt, Map<String, SyncRun> runs, DryRun dryRun) {
        Progress progress() {
            return new Progress(id, tenant, startedAt, runs.values().stream()
                    .mapToLong(r -> r.tenantTotal(tenant, SyncOutcome.PULLED)).sum(), dryRun.outcomes().size());
        }
    }

    private final ProducerTemplate producer;
    private final TenantRegistry tenants;
    private final SyncJobRunner runner;
    private final RateBudgetSettings budget;
    private final MeterRegistry metrics;
    private final DryRunReports reports;
    private final ObjectMapper json;
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    GoLiveRehearsal(ProducerTemplate producer, TenantRegistry tenants, SyncJobRunner runner, RateBudgetSettings budget,
            MeterRegistry metrics, DryRunReports reports, ObjectMapper json) {
        this.producer = producer;
        this.tenants = tenants;
        this.runner = runner;
        this.budget = budget;
        this.metrics = metrics;
        this.reports = reports;
        this.json = json;
    }

    /**
     * Starts the tenant's rehearsal on a thread of its own.
     *
     * @param requestsPerMinute the NovaMed budget to forecast the run at, or null for the configured one
     * @return the rehearsal's id, or empty when a sync or a rehearsal of the tenant is running
     */
    public Optional<String> start(String tenantId, Integer requestsPerMinute) {
        Tenant tenant = tenants.get(tenantId);
        if (!runner.claim(tenant.id())) {
            return Optional.empty();
        }
        Running rehearsal = begin(tenant);
        new Thread(() -> {
            try {
                finish(rehearsal, tenant, requestsPerMinute);
            } catch (RuntimeException e) {
                LOG.errorf("go-live dry run of tenant %s failed: %s", tenant.id(), e.getClass().getSimpleName());
            } finally {
                // Released first: once the progress is gone, the tenant's syncs (and another dry run) may start.
                runner.release(tenant.id());
                running.remove(tenant.id(), rehearsal);
            }
        }, "medsync-dry-run-" + tenant.id()).start();
        return Optional.of(rehearsal.id());
    }

    /**
     * The dry-run run mode: every tenant rehearsed in turn, on this thread. Every tenant's syncs are kept out from
     * the start and for the rest of the process (it exits afterwards), so no scheduled sync runs for real meanwhile.
     *
     * @throws IllegalStateException when a sync is running
     */
    public List<ReadinessReport> rehearseEveryTenant() {
        for (Tenant tenant : tenants.all()) {
            if (!runner.claim(tenant.id())) {
                throw new IllegalStateException("a sync of tenant " + tenant.id() + " is running");
            }
        }
        List<ReadinessReport> reports = new ArrayList<>();
        for (Tenant tenant : tenants.all()) {
            Running rehearsal = begin(tenant);
            reports.add(finish(rehearsal, tenant, null));
            running.remove(tenant.id(), rehearsal);
        }
        return reports;
    }

    /**
     * One tenant rehearsed on this thread, as {@link #start} does in the background.
     *
     * @throws IllegalStateException when a sync or a rehearsal of the tenant is running
     */
    ReadinessReport rehearse(Tenant tenant, Integer requestsPerMinute) {
        if (!runner.claim(tenant.id())) {
            throw new IllegalStateException("a sync of tenant " + tenant.id() + " is running");
        }
        Running rehearsal = begin(tenant);
        try {
            return finish(rehearsal, tenant, requestsPerMinute);
        } finally {
            runner.release(tenant.id());
            running.remove(tenant.id(), rehearsal);
        }
    }

    public Optional<Progress> progress(String tenantId) {
        return Optional.ofNullable(running.get(tenantId)).map(Running::progress);
    }

    /** The tenant's latest report, if a rehearsal of it ever finished (the caller has checked the tenant id). */
    public Optional<ReadinessReport> latest(String tenantId) {
        return reports.latest(tenantId).map(stored -> {
            try {
                return json.readValue(stored.json(), ReadinessReport.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a stored dry-run report does not read back", e);
            }
        });
    }

    private Running begin(Tenant tenant) {
        Running rehearsal = new Running(UUID.randomUUID().toString(), tenant.id(), Instant.now(),
                new ConcurrentHashMap<>(), DryRun.rehearsal());
        running.put(tenant.id(), rehearsal);
        return rehearsal;
    }

    private ReadinessReport finish(Running rehearsal, Tenant tenant, Integer requestsPerMinute) {
        Map<String, Double> callsBefore = sourceCalls();
        LOG.infof("go-live dry run %s of tenant %s started", rehearsal.id(), tenant.id());
        if (tenant.readsNexHealth()) {
            send(tenant, rehearsal, "nexhealth");
        }
        if (tenant.nextGen().isPresent()) {
            send(tenant, rehearsal, "nextgen");
        }
        Map<String, Double> callsAfter = sourceCalls();
        Map<String, Long> sourceCalls = new TreeMap<>();
        SOURCES.forEach(s -> sourceCalls.put(s, Math.round(callsAfter.get(s) - callsBefore.get(s))));
        Map<String, Long> pulled = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        rehearsal.runs().forEach((source, run) -> {
            run.rows().stream().filter(r -> r.get(SyncOutcome.PULLED) > 0)
                    .forEach(r -> pulled.put(source + "/" + r.resource(), r.get(SyncOutcome.PULLED)));
            run.errors().forEach(e -> errors.add(source + "/" + e.resource() + ": " + e.message()));
        });
        boolean asked = requestsPerMinute != null;
        ReadinessReport report = ReadinessAssessment.assess(rehearsal.id(), tenant.id(), rehearsal.startedAt(),
                Instant.now(), rehearsal.dryRun().outcomes(), pulled, errors, sourceCalls,
                asked ? requestsPerMinute : budget.requestsPerMinute(), asked ? 1 : budget.burst(),
                asked ? "asked" : "configured");
        store(report);
        LOG.infof("go-live dry run %s of tenant %s finished: %s, %d NovaMed calls forecast", rehearsal.id(),
                tenant.id(), report.outcome(), report.novamed().calls());
        return report;
    }

    private void send(Tenant tenant, Running rehearsal, String source) {
        SyncRun run = new SyncRun();
        rehearsal.runs().put(source, run);
        String route = "direct:" + source + "-sync";
        Exchange exchange = new DefaultExchange(producer.getCamelContext());
        exchange.setProperty(MedsyncExchange.RUN, run);
        exchange.setProperty(MedsyncExchange.TENANT, tenant);
        // A first sync reads everything: no watermark applies.
        exchange.setProperty(MedsyncExchange.FULL_RESYNC, true);
        exchange.setProperty(DryRun.PROPERTY, rehearsal.dryRun());
        Exchange done = producer.send(route, exchange);
        if (done.getException() != null) {
            run.error(tenant.id(), ResourceType.PATIENT, "dry run aborted: "
                    + done.getException().getClass().getSimpleName());
            LOG.errorf("tenant %s: dry run of %s aborted: %s", tenant.id(), route,
                    done.getException().getClass().getSimpleName());
        }
        run.finish();
    }

    private void store(ReadinessReport report) {
        try {
            reports.add(new DryRunReports.Stored(report.id(), report.tenant(), report.startedAt(),
                    report.finishedAt(), report.outcome(), json.writeValueAsString(report)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the dry-run report", e);
        }
    }

    /** Calls made to each source so far (every attempt), from the outbound-call metric. */
    private Map<String, Double> sourceCalls() {
        Map<String, Double> calls = new TreeMap<>();
        for (String source : SOURCES) {
            calls.put(source, metrics.find("medsync.http.calls").tag("system", source).counters().stream()
                    .mapToDouble(Counter::count).sum());
        }
        return calls;
    }
}
