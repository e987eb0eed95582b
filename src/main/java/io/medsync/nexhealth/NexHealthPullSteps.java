package io.medsync.nexhealth;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.medsync.http.ContractProblem;
import io.medsync.ledger.ContentHash;
import io.medsync.ledger.CursorKey;
import io.medsync.ledger.CursorStore;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.ledger.SyncCursor;
import io.medsync.pipeline.Delivery;
import io.medsync.pipeline.DryRun;
import io.medsync.pipeline.MedsyncExchange;
import io.medsync.pipeline.PartnerCircuit;
import io.medsync.pipeline.PartnerCircuits;
import io.medsync.pipeline.SyncOutcome;
import io.medsync.pipeline.SyncRun;
import io.medsync.tenant.NexHealthLocation;
import io.medsync.tenant.Tenant;

/**
 * Steps of an incremental, cursor-paged NexHealth pull. The page cursor is saved only after a page is fully
 * recorded; the watermark moves only when the last page is done.
 */
@ApplicationScoped
public class NexHealthPullSteps {

    static final String PULL = "medsync.nexhealthPull";
    /** The {@link NexHealthLocation} being pulled. */
    public static final String LOCATION = "medsync.nexhealthLocation";
    /** Boolean: a pull of this location stopped early, so the location's later steps are skipped. */
    static final String LOCATION_FAILED = "medsync.nexhealthLocationFailed";
    private static final Logger LOG = Logger.getLogger(NexHealthPullSteps.class);
    private static final String SOURCE = "nexhealth";

    private final NexHealthClient client;
    private final CursorStore cursors;
    private final Duration watermarkOverlap;
    private final ObjectMapper json;
    private final PartnerCircuits circuits;
    private final PageReadAhead readAhead;

    NexHealthPullSteps(NexHealthClient client, CursorStore cursors, NexHealthSettings settings, ObjectMapper json,
            PartnerCircuits circuits, PageReadAhead readAhead) {
        this.client = client;
        this.readAhead = readAhead;
        this.circuits = circuits;
        this.cursors = cursors;
        this.watermarkOverlap = settings.watermarkOverlap();
        this.json = json;
    }

    /** Starts a pull of {@code resource}, resuming an interrupted run where its last whole page ended. */
    public void open(Exchange exchange, ResourceType resource) {
        Tenant tenant = exchange.getProperty(MedsyncExchange.TENANT, Tenant.class);
        NexHealthLocation location = exchange.getProperty(LOCATION, NexHealthLocation.class);
        CursorKey key = new CursorKey(tenant.id(), SourceSystem.NEXHEALTH, resource, location.scope());
        SyncCursor cursor = cursors.load(key);
        boolean full = exchange.getProperty(MedsyncExchange.FULL_RESYNC, false, Boolean.class);
        NexHealthPull pull = cursor.interrupted() && !full
                ? new NexHealthPull(tenant, location, resource, key, cursor.watermark(), cursor.runStartedAt(),
                        cursor.pageCursor())
                : new NexHealthPull(tenant, location, resource, key, full ? null : cursor.watermark(), Instant.now(),
                        null);
        pull.failed = exchange.getProperty(LOCATION_FAILED, false, Boolean.class);
        if (cursor.interrupted() && !full) {
            LOG.infof("%s: resuming an interrupted pull after its last saved page", key);
        }
        exchange.setProperty(PULL, pull);
        SyncRun run = exchange.getProperty(MedsyncExchange.RUN, SyncRun.class);
        if (run != null) {
            run.begin(tenant.id(), resource);
        }
    }

    /** Another page is due, unless the last one said otherwise or the application is shutting down. */
    public boolean hasNextPage(Exchange exchange) {
        NexHealthPull pull = pull(exchange);
        return pull.hasNextPage && !pull.failed && !exchange.getContext().isStopping();
    }

    /**
     * Fetches the next page; the body becomes its records as {@link Delivery deliveries}. The page after it is read
     * ahead while this one is delivered (its records hashed too), so the pull does not wait for NexHealth between
     * pages; the cursor still moves only when a page is recorded ({@link #commitPage}).
     */
    public void fetchPage(Exchange exchange) {
        NexHealthPull pull = pull(exchange);
        List<Delivery> deliveries = new ArrayList<>();
        PartnerCircuit circuit = circuits.source(SOURCE, pull.tenant);
        if (!circuit.tryAcquire()) {
            pull.dropReadAhead();
            sourceUnavailable(exchange, pull, "circuit open");
            exchange.getMessage().setBody(deliveries);
            return;
        }
        try {
            PageRead read = pull.takeReadAhead(pull.pageCursor);
            if (read == null) {
                read = read(pull, pull.pageCursor);
            }
            deliveries = read.deliveries();
            pull.nextPageCursor = read.endCursor();
            pull.nextHasNextPage = read.hasNextPage();
            circuit.answered();
            if (read.hasNextPage() && !exchange.getContext().isStopping()) {
                String next = read.endCursor();
                pull.readAhead(next, CompletableFuture.supplyAsync(() -> read(pull, next), readAhead.executor()));
            }
        } catch (NexHealthException e) {
            if (PartnerCircuits.outage(e.httpStatus())) {
                // Down, not refusing: the run reports the source unavailable (and the error below says why).
                circuit.failed();
                sourceUnavailable(exchange, pull, "HTTP " + e.httpStatus());
            } else {
                circuit.answered();
            }
            pull.failed = true;
            exchange.setProperty(LOCATION_FAILED, true);
            SyncRun run = exchange.getProperty(MedsyncExchange.RUN, SyncRun.class);
            if (run != null) {
                run.error(pull.tenant.id(), pull.resource, e.getMessage());
            }
            LOG.errorf("%s: pull stopped, the cursor stays at the last whole page: %s", pull.cursorKey, e.getMessage());
        }
        SyncRun run = exchange.getProperty(MedsyncExchange.RUN, SyncRun.class);
        if (run != null) {
            deliveries.forEach(d -> run.count(d.key().tenantId(), d.key().resourceType(), SyncOutcome.PULLED));
        }
        exchange.getMessage().setBody(deliveries);
    }

    /** Reads the page at {@code pageCursor} and makes its records deliveries; no side effect on the pull. */
    private PageRead read(NexHealthPull pull, String pageCursor) {
        NexHealthPage<?> page = switch (pull.resource) {
            case PROVIDER -> client.providers(pull.tenant, pull.location, pull.updatedSince, pageCursor);
            case PATIENT -> client.patients(pull.tenant, pull.location, pull.updatedSince, pageCursor);
            // The window moves with every run, so appointments are read whole (no updated_since); the ledger
            // keeps one event per appointment version, so re-reading costs nothing downstream.
            case APPOINTMENT -> client.appointments(pull.tenant, pull.location,
                    pull.runStartedAt.minus(pull.tenant.appointmentsPast()),
                    pull.runStartedAt.plus(pull.tenant.appointmentsAhead()), pageCursor);
            case MEDICATION_ORDER, REQUEST, REFILL -> throw new IllegalStateException("NexHealth has no "
                    + pull.resource.label());
        };
        List<Delivery> deliveries = new ArrayList<>(page.items().size() + page.malformed().size());
        for (Object item : page.items()) {
            long id = item instanceof NexHealthProvider p ? p.id()
                    : item instanceof NexHealthPatient p ? p.id()
                    : ((NexHealthAppointment) item).id();
            deliveries.add(Delivery.of(pull.tenant, key(pull, String.valueOf(id)), ContentHash.of(item), item));
        }
        for (NexHealthPage.Malformed bad : page.malformed()) {
            deliveries.add(Delivery.malformed(pull.tenant, key(pull, bad.sourceId()), bad.reason(), bad.raw()));
        }
        return new PageRead(deliveries, page.hasNextPage(), page.endCursor());
    }

    /**
     * NexHealth is down (no answer, 5xx, a 429 that lasted) or its circuit is open: the pull stops with its cursor
     * where it is, nothing is dead-lettered, and the run reports the source unavailable; the next run resumes.
     */
    private static void sourceUnavailable(Exchange exchange, NexHealthPull pull, String why) {
        pull.failed = true;
        exchange.setProperty(LOCATION_FAILED, true);
        SyncRun run = exchange.getProperty(MedsyncExchange.RUN, SyncRun.class);
        if (run != null) {
            run.partnerUnavailable(pull.tenant.id(), SOURCE);
        }
        LOG.warnf("%s: NexHealth unavailable, pull stopped; the cursor stays at the last whole page (%s)",
                pull.cursorKey, why);
    }

    /** Every record of the page is in the ledger: remember where the next page starts. */
    public void commitPage(Exchange exchange) {
        NexHealthPull pull = pull(exchange);
        SyncRun run = exchange.getProperty(MedsyncExchange.RUN, SyncRun.class);
        if (!pull.failed && run != null && run.takesNoMoreRecords(pull.tenant.id())) {
            // Records of this page wait for a partner or the ledger: the page is read again by the next run.
            pull.failed = true;
            exchange.setProperty(LOCATION_FAILED, true);
            if (run.partnerUnavailable(pull.tenant.id())) {
                // (A ledger outage is logged once for the run, by the pipeline.)
                LOG.warnf("%s: partner unavailable, pull stopped; the cursor stays at the last whole page",
                        pull.cursorKey);
            }
        }
        if (pull.failed) {
            return;
        }
        pull.pageCursor = pull.nextPageCursor;
        pull.hasNextPage = pull.nextHasNextPage;
        // A go-live rehearsal pages as the sync does but leaves the cursors as they are.
        if (pull.hasNextPage && !DryRun.active(exchange)) {
            cursors.savePage(pull.cursorKey, pull.updatedSince, pull.pageCursor, pull.runStartedAt);
        }
    }

    /** After the last page, the next run starts from this run's start (minus an overlap for clock skew). */
    public void close(Exchange exchange) {
        NexHealthPull pull = pull(exchange);
        pull.dropReadAhead();
        if (!pull.failed && !pull.hasNextPage && !DryRun.active(exchange)) {
            cursors.complete(pull.cursorKey, pull.runStartedAt.minus(watermarkOverlap));
        }
    }

    /**
     * The source-read step of a {@link DryRun} (the preview): the record is the document that came with the exchange
     * (a NexHealth provider, patient or appointment, as the API serves it), not read from NexHealth. The body becomes
     * its delivery, or null when it is not delivered to NovaMed.
     *
     * @throws IllegalArgumentException when the document names no resource NexHealth has
     */
    public void readDocument(Exchange exchange) {
        Tenant tenant = exchange.getProperty(MedsyncExchange.TENANT, Tenant.class);
        JsonNode document = exchange.getMessage().getBody(JsonNode.class);
        String resource = exchange.getMessage().getHeader(DryRun.DOCUMENT_RESOURCE, "", String.class);
        String id = document.path("id").asText("unknown");
        Class<?> type = switch (resource) {
            case "provider" -> NexHealthProvider.class;
            case "patient" -> NexHealthPatient.class;
            case "appointment" -> null;
            default -> throw new IllegalArgumentException("resource must be patient, provider or appointment");
        };
        RecordKey key = new RecordKey(tenant.id(), SourceSystem.NEXHEALTH, ResourceType.valueOf(resource.toUpperCase()),
                id);
        if (type == null) {
            DryRun.of(exchange).refuse(key.toString(), "appointments are recorded as events (and name a patient's"
                    + " practitioner); nothing is sent to NovaMed");
            exchange.getMessage().setBody(null);
            return;
        }
        Delivery delivery;
        try {
            Object item = json.treeToValue(document, type);
            delivery = Delivery.of(tenant, key, ContentHash.of(item), item);
        } catch (IOException e) {
            delivery = Delivery.malformed(tenant, key, "the document does not match NexHealth's " + resource
                    + " contract: " + ContractProblem.describe(e), document);
        }
        exchange.getMessage().setBody(delivery);
    }

    public boolean failed(Exchange exchange) {
        return exchange.getProperty(LOCATION_FAILED, false, Boolean.class);
    }

    private static RecordKey key(NexHealthPull pull, String sourceId) {
        return new RecordKey(pull.tenant.id(), SourceSystem.NEXHEALTH, pull.resource, sourceId);
    }

    private static NexHealthPull pull(Exchange exchange) {
        return exchange.getProperty(PULL, NexHealthPull.class);
    }
}
