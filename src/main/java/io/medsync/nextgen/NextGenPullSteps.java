package io.medsync.nextgen;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.medsync.ledger.ContentHash;
import io.medsync.ledger.CursorKey;
import io.medsync.ledger.CursorStore;
import io.medsync.ledger.Ledger;
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
import io.medsync.tenant.FhirVersion;
import io.medsync.tenant.NextGenSource;
import io.medsync.tenant.Tenant;

/**
 * Steps of a tenant's NextGen pull, patient by patient: which patients (the enrolled ones, a configured list, or
 * every patient the server lists), then each patient's chart (Patient, their prescriptions changed since the last
 * run, the medications and practitioners those name), delivered practitioner → patient → orders. A patient's
 * watermark moves only after all of their records are in the ledger.
 */
@ApplicationScoped
public class NextGenPullSteps {

    static final String CHART = "medsync.nextgenChart";
    static final String RUN_STARTED = "medsync.nextgenRunStarted";
    /** Set when a chart could not be read because NextGen (or the FHIR body) failed: worth another try later. */
    static final String SOURCE_FAILED = "medsync.nextgenSourceFailed";
    private static final Logger LOG = Logger.getLogger(NextGenPullSteps.class);
    private static final String SOURCE = "nextgen";

    private final NextGenFhirClient fhir;
    private final EnrolmentStore enrolments;
    private final CursorStore cursors;
    private final Ledger ledger;
    private final Duration watermarkOverlap;
    private final PartnerCircuits circuits;

    NextGenPullSteps(NextGenFhirClient fhir, EnrolmentStore enrolments, CursorStore cursors, Ledger ledger,
            NextGenSettings settings, PartnerCircuits circuits) {
        this.fhir = fhir;
        this.circuits = circuits;
        this.enrolments = enrolments;
        this.cursors = cursors;
        this.ledger = ledger;
        this.watermarkOverlap = settings.watermarkOverlap();
    }

    /** The body becomes the ids of the patients to read this run. */
    public void subjects(Exchange exchange) {
        Tenant tenant = tenant(exchange);
        NextGenSource source = tenant.nextGen().orElseThrow();
        exchange.setProperty(RUN_STARTED, Instant.now());
        SyncRun run = run(exchange);
        if (run != null) {
            run.begin(tenant.id(), ResourceType.PATIENT);
            run.begin(tenant.id(), ResourceType.MEDICATION_ORDER);
        }
        List<String> ids = switch (source.auth()) {
            case PATIENT_CONSENT -> enrolments.list(tenant.id(), EnrolmentState.ACTIVE).stream()
                    .map(Enrolment::patientId).toList();
            default -> source.patientIds().isEmpty() ? listedPatients(tenant, source, exchange) : source.patientIds();
        };
        exchange.getMessage().setBody(ids);
    }

    /**
     * Reads one patient's chart; a patient whose grant is gone or whose server fails is reported and skipped. In a
     * {@link DryRun} (the preview) NextGen is not read: the chart is the FHIR document that came with the exchange.
     */
    public void readChart(Exchange exchange) {
        Tenant tenant = tenant(exchange);
        exchange.removeProperty(CHART);
        if (DryRun.previewing(exchange)) {
            documentChart(exchange, tenant).ifPresent(chart -> exchange.setProperty(CHART, chart));
            return;
        }
        NextGenSource source = tenant.nextGen().orElseThrow();
        String patientId = exchange.getMessage().getBody(String.class);
        FhirReader reader = FhirReader.of(source.version());
        PartnerCircuit circuit = circuits.source(SOURCE, tenant);
        if (!circuit.tryAcquire()) {
            sourceUnavailable(exchange, tenant, "circuit open");
            return;
        }
        try {
            Optional<String> patientJson = fhir.read(tenant, patientId, "Patient/" + patientId);
            circuit.answered();
            if (patientJson.isEmpty()) {
                report(exchange, tenant, ResourceType.PATIENT, "NextGen has no Patient/" + patientId);
                return;
            }
            FhirPatient asRead = (FhirPatient) reader.resource(patientJson.get());
            List<FhirMedicationOrder> orders = new ArrayList<>();
            List<Malformed> malformed = new ArrayList<>();
            String next = ordersQuery(source, patientId, watermark(exchange, tenant, patientId));
            while (next != null) {
                FhirPage page = reader.searchPage(fhir.search(tenant, patientId, next));
                for (Object record : page.records()) {
                    if (record instanceof FhirMedicationOrder order) {
                        orders.add(order);
                    }
                }
                malformed.addAll(page.malformed());
                if (page.unreadNote() != null) {
                    LOG.infof("tenant %s: NextGen pull: patient %s: %s", tenant.id(), patientId, page.unreadNote());
                    if (run(exchange) != null) {
                        run(exchange).unread(tenant.id(), SOURCE, page.unread());
                    }
                }
                next = page.nextUrl();
            }
            orders = NextGenChart.ofPatients(withMedications(withRolePrescribers(orders, tenant, patientId),
                    serverMedications(tenant, patientId, reader)), List.of(asRead));
            FhirPatient patient = NextGenChart.withPractitionerOfRecord(asRead, orders);
            List<FhirPractitioner> practitioners = practitioners(exchange, tenant, patientId, reader, patient, orders);
            exchange.setProperty(CHART, new NextGenChart(patientId, List.of(patient), practitioners, orders,
                    malformed));
        } catch (NeedsReconsentException e) {
            report(exchange, tenant, ResourceType.PATIENT, e.getMessage());
        } catch (NextGenException | FhirFormatException | ClassCastException e) {
            exchange.setProperty(SOURCE_FAILED, true);
            if (e instanceof NextGenException down && PartnerCircuits.outage(down.status())) {
                // Down, not refusing: the run reports the source unavailable (and the error below says why).
                circuit.failed();
                sourceUnavailable(exchange, tenant, "HTTP " + down.status());
            } else {
                circuit.answered();
            }
            report(exchange, tenant, ResourceType.PATIENT, "patient " + patientId + ": "
                    + (e instanceof ClassCastException ? "Patient/" + patientId + " is not a Patient" : e.getMessage()));
        }
    }

    /**
     * A previewed FHIR resource or Bundle as a chart, in the sync's order: its practitioners, its patients (each with
     * their practitioner of record) and its prescriptions, with referenced Medications taken from the Bundle.
     *
     * @throws IllegalArgumentException when the document is not readable FHIR of the version named
     */
    /** The previewed document as a chart; empty, and the preview refused, for a document that is no FHIR. */
    private Optional<NextGenChart> documentChart(Exchange exchange, Tenant tenant) {
        String named = exchange.getMessage().getHeader(DryRun.DOCUMENT_VERSION, String.class);
        FhirVersion version = named != null ? ("dstu2".equalsIgnoreCase(named) ? FhirVersion.DSTU2 : FhirVersion.R4)
                : tenant.nextGen().map(NextGenSource::version).orElse(FhirVersion.R4);
        FhirReader reader = FhirReader.of(version);
        JsonNode json = exchange.getMessage().getBody(JsonNode.class);
        String document = json.toString();
        List<Object> records = new ArrayList<>();
        List<Malformed> malformed = new ArrayList<>();
        DryRun dryRun = DryRun.of(exchange);
        try {
            if ("Bundle".equals(json.path("resourceType").asText())) {
                FhirPage page = reader.searchPage(document);
                records.addAll(page.records());
                malformed.addAll(page.malformed());
                if (page.unreadNote() != null) {
                    dryRun.refuse("document", page.unreadNote());
                }
            } else {
                records.add(reader.resource(document));
            }
        } catch (FhirFormatException e) {
            // The client's error, answered 400 with the reason; one line here, without the document's content.
            LOG.infof("tenant %s: preview refused: the document is not a readable FHIR %s resource", tenant.id(),
                    version);
            dryRun.rejectDocument("the document is not a readable FHIR " + version + " resource: " + e.getMessage());
            return Optional.empty();
        }
        java.util.Map<String, FhirMedication> medications = new java.util.HashMap<>();
        records.stream().filter(FhirMedicationEntry.class::isInstance).map(FhirMedicationEntry.class::cast)
                .forEach(m -> medications.put(m.reference(), m.medication()));
        List<FhirPatient> asRead = records.stream().filter(FhirPatient.class::isInstance)
                .map(FhirPatient.class::cast).toList();
        List<FhirMedicationOrder> orders = NextGenChart.ofPatients(withMedications(records.stream()
                .filter(FhirMedicationOrder.class::isInstance).map(FhirMedicationOrder.class::cast).toList(),
                medications::get), asRead);
        List<FhirPatient> patients = asRead.stream()
                .map(p -> NextGenChart.withPractitionerOfRecord(p,
                        orders.stream().filter(o -> p.id().equals(o.patientId())).toList()))
                .toList();
        List<FhirPractitioner> practitioners = new ArrayList<>(records.stream()
                .filter(FhirPractitioner.class::isInstance).map(FhirPractitioner.class::cast).toList());
        NextGenChart.containedPrescribers(orders).stream()
                .filter(c -> practitioners.stream().noneMatch(p -> p.id().equals(c.id()))).forEach(practitioners::add);
        if (orders.isEmpty() && !medications.isEmpty()) {
            dryRun.refuse("document", "the document holds Medication but no " + version.medicationOrderType()
                    + ": nothing is sent, since NovaMed receives medication orders and a Medication is read only"
                    + " for the " + version.medicationOrderType() + " that refers to it");
        }
        return Optional.of(new NextGenChart(null, patients, practitioners, orders, malformed));
    }

    public boolean chartRead(Exchange exchange) {
        return exchange.getProperty(CHART) != null;
    }

    public void practitionerDeliveries(Exchange exchange) {
        NextGenChart chart = chart(exchange);
        deliveries(exchange, ResourceType.PROVIDER, chart.practitioners().stream()
                .map(p -> delivery(exchange, ResourceType.PROVIDER, p.id(), p)).toList());
    }

    public void patientDeliveries(Exchange exchange) {
        NextGenChart chart = chart(exchange);
        deliveries(exchange, ResourceType.PATIENT, chart.patients().stream()
                .map(p -> delivery(exchange, ResourceType.PATIENT, p.id(), p)).toList());
    }

    public void orderDeliveries(Exchange exchange) {
        NextGenChart chart = chart(exchange);
        List<Delivery> deliveries = new ArrayList<>();
        chart.orders().forEach(o -> deliveries.add(delivery(exchange, ResourceType.MEDICATION_ORDER, o.id(), o)));
        for (Malformed bad : chart.malformed()) {
            ResourceType type = bad.resourceType() != null && bad.resourceType().startsWith("Medication")
                    ? ResourceType.MEDICATION_ORDER : ResourceType.PATIENT;
            deliveries.add(Delivery.malformed(tenant(exchange), key(exchange, type,
                    bad.sourceId() != null ? bad.sourceId()
                            : chart.patientId() == null ? "unknown" : "unknown-in-patient-" + chart.patientId()),
                    bad.reason(), null));
        }
        deliveries(exchange, ResourceType.MEDICATION_ORDER, deliveries);
    }

    /** Every record of the chart is in the ledger: the patient's next pull asks only for what changed after now. */
    public void completePatient(Exchange exchange) {
        if (DryRun.active(exchange)) {
            return;
        }
        NextGenChart chart = chart(exchange);
        SyncRun run = run(exchange);
        if (run != null && run.takesNoMoreRecords(tenant(exchange).id())) {
            // Some of the chart waits for a partner: read it again next run.
            return;
        }
        Instant started = exchange.getProperty(RUN_STARTED, Instant.class);
        cursors.complete(cursorKey(tenant(exchange), chart.patientId()), started.minus(watermarkOverlap));
    }

    private List<String> listedPatients(Tenant tenant, NextGenSource source, Exchange exchange) {
        FhirReader reader = FhirReader.of(source.version());
        Set<String> ids = new LinkedHashSet<>();
        String next = "Patient?" + pageSize(source.maxResults());
        try {
            while (next != null && !exchange.getContext().isStopping()) {
                FhirPage page = reader.searchPage(fhir.search(tenant, null, next));
                page.records().stream().filter(FhirPatient.class::isInstance)
                        .forEach(p -> ids.add(((FhirPatient) p).id()));
                next = page.nextUrl();
            }
        } catch (NextGenException | FhirFormatException e) {
            if (e instanceof NextGenException down && PartnerCircuits.outage(down.status())) {
                circuits.source(SOURCE, tenant).failed();
                sourceUnavailable(exchange, tenant, "HTTP " + down.status());
            }
            report(exchange, tenant, ResourceType.PATIENT, "patient list: " + e.getMessage());
            return List.of();
        }
        return List.copyOf(ids);
    }

    /**
     * The page size for NextGen ({@code _maxresults}) and for standard FHIR servers ({@code _count}; HAPI ignores
     * {@code _maxresults} and would answer everything in one page). Each server ignores the one it does not know.
     */
    static String pageSize(int size) {
        return "_count=" + size + "&_maxresults=" + size;
    }

    private String ordersQuery(NextGenSource source, String patientId, Instant since) {
        StringBuilder query = new StringBuilder(source.version().medicationOrderType())
                .append("?patient=").append(encode(patientId))
                .append("&").append(pageSize(source.maxResults()));
        if (!source.medicationStatus().isBlank()) {
            query.append("&status=").append(encode(source.medicationStatus()));
        }
        if (since != null) {
            query.append("&_lastUpdated=").append(encode("ge" + since.truncatedTo(ChronoUnit.SECONDS)));
        }
        return query.toString();
    }

    private Instant watermark(Exchange exchange, Tenant tenant, String patientId) {
        if (exchange.getProperty(MedsyncExchange.FULL_RESYNC, false, Boolean.class)) {
            return null;
        }
        SyncCursor cursor = cursors.load(cursorKey(tenant, patientId));
        return cursor.watermark();
    }

    /** The orders with the Medications they reference, looked up by reference (null: not found). */
    private static List<FhirMedicationOrder> withMedications(List<FhirMedicationOrder> orders,
            Function<String, FhirMedication> medicationByReference) {
        List<FhirMedicationOrder> resolved = new ArrayList<>(orders.size());
        for (FhirMedicationOrder order : orders) {
            FhirMedication medication = order.medication() != null || order.medicationReference() == null ? null
                    : medicationByReference.apply(order.medicationReference());
            resolved.add(medication == null ? order : order.withMedication(medication));
        }
        return resolved;
    }

    /**
     * The orders whose requester is a PractitionerRole (R4) with the practitioner it names, read from the server
     * once per role. A role the server does not return (absent, or refused to this token) or that names no
     * practitioner leaves the order unresolved, and the mapper refuses it naming the role; an outage stops the chart.
     */
    private List<FhirMedicationOrder> withRolePrescribers(List<FhirMedicationOrder> orders, Tenant tenant,
            String patientId) {
        java.util.Map<String, Optional<String>> practitionerOfRole = new java.util.HashMap<>();
        List<FhirMedicationOrder> resolved = new ArrayList<>(orders.size());
        for (FhirMedicationOrder order : orders) {
            Optional<String> practitioner = order.prescriberRole() == null ? Optional.empty()
                    : practitionerOfRole.computeIfAbsent(order.prescriberRole(),
                            role -> practitionerOfRole(tenant, patientId, role));
            resolved.add(practitioner.map(order::prescribedBy).orElse(order));
        }
        return resolved;
    }

    private Optional<String> practitionerOfRole(Tenant tenant, String patientId, String role) {
        Optional<String> json;
        try {
            json = fhir.read(tenant, patientId, role);
        } catch (NextGenException e) {
            if (PartnerCircuits.outage(e.status())) {
                throw e;
            }
            return Optional.empty();
        }
        return json.map(BundleEntries::practitionerOfRole);
    }

    /** Reads referenced Medications from NextGen, each once per chart. */
    private Function<String, FhirMedication> serverMedications(Tenant tenant, String patientId, FhirReader reader) {
        java.util.Map<String, FhirMedication> cache = new java.util.HashMap<>();
        return reference -> cache.computeIfAbsent(reference, ref -> fhir.read(tenant, patientId, ref)
                .map(reader::resource).filter(FhirMedicationEntry.class::isInstance)
                .map(entry -> ((FhirMedicationEntry) entry).medication()).orElse(null));
    }

    /** Reads the practitioners the chart names, except those NovaMed already has (unless this is a full re-sync). */
    private List<FhirPractitioner> practitioners(Exchange exchange, Tenant tenant, String patientId, FhirReader reader,
            FhirPatient patient, List<FhirMedicationOrder> orders) {
        Set<String> ids = new LinkedHashSet<>();
        if (patient.practitionerId() != null) {
            ids.add(patient.practitionerId());
        }
        orders.stream().map(FhirMedicationOrder::prescriberId).filter(Objects::nonNull).forEach(ids::add);
        boolean full = exchange.getProperty(MedsyncExchange.FULL_RESYNC, false, Boolean.class);
        List<FhirPractitioner> contained = NextGenChart.containedPrescribers(orders);
        List<FhirPractitioner> practitioners = new ArrayList<>();
        for (String id : ids) {
            if (!full && ledger.novaMedId(key(exchange, ResourceType.PROVIDER, id)).isPresent()) {
                continue;
            }
            Optional<FhirPractitioner> inOrder = contained.stream().filter(c -> c.id().equals(id)).findFirst();
            if (inOrder.isPresent()) {
                practitioners.add(inOrder.get()); // only the order holds it: there is nothing to read
                continue;
            }
            fhir.read(tenant, patientId, "Practitioner/" + id).map(reader::resource)
                    .filter(FhirPractitioner.class::isInstance).map(FhirPractitioner.class::cast)
                    .ifPresent(practitioners::add);
        }
        return practitioners;
    }

    private Delivery delivery(Exchange exchange, ResourceType type, String id, Object source) {
        return Delivery.of(tenant(exchange), key(exchange, type, id), ContentHash.of(source), source);
    }

    private void deliveries(Exchange exchange, ResourceType type, List<Delivery> deliveries) {
        SyncRun run = run(exchange);
        if (run != null) {
            deliveries.forEach(d -> run.count(d.key().tenantId(), d.key().resourceType(), SyncOutcome.PULLED));
        }
        exchange.getMessage().setBody(deliveries);
    }

    private static RecordKey key(Exchange exchange, ResourceType type, String id) {
        return new RecordKey(tenant(exchange).id(), SourceSystem.NEXTGEN, type, id);
    }

    private static CursorKey cursorKey(Tenant tenant, String patientId) {
        return new CursorKey(tenant.id(), SourceSystem.NEXTGEN, ResourceType.MEDICATION_ORDER, "patient:" + patientId);
    }

    /**
     * NextGen is down (no answer, 5xx, a 429 that lasted) or its circuit is open: the patient's chart is not read,
     * its cursor stays, nothing is dead-lettered, and the run reports the source unavailable; the next run resumes.
     */
    private void sourceUnavailable(Exchange exchange, Tenant tenant, String why) {
        exchange.setProperty(SOURCE_FAILED, true);
        SyncRun run = run(exchange);
        if (run != null) {
            run.partnerUnavailable(tenant.id(), SOURCE);
        }
        LOG.warnf("tenant %s: NextGen unavailable, chart not read (%s)", tenant.id(), why);
    }

    private void report(Exchange exchange, Tenant tenant, ResourceType type, String message) {
        SyncRun run = run(exchange);
        if (run != null) {
            run.error(tenant.id(), type, message);
        }
        LOG.warnf("tenant %s: NextGen pull: %s", tenant.id(), message);
    }

    private static NextGenChart chart(Exchange exchange) {
        return exchange.getProperty(CHART, NextGenChart.class);
    }

    private static Tenant tenant(Exchange exchange) {
        return exchange.getProperty(MedsyncExchange.TENANT, Tenant.class);
    }

    private static SyncRun run(Exchange exchange) {
        return exchange.getProperty(MedsyncExchange.RUN, SyncRun.class);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
