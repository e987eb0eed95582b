package io.medsync.sandbox;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * In-process NovaMed Partner API for creating practitioners, patients and medication orders (current and legacy
 * shape) and listing carriers, following {@code novamed-partner-openapi.yaml} and the research notes (contracts
 * README section 1): {@code x-api-key} auth, field validation with {@code details}, "already exists" duplicates for
 * practitioners and patients (none for orders, as at NovaMed) and an optional per-key rate limit with
 * {@code X-RateLimit-*} headers.
 */
public final class NovaMedSandbox extends SandboxHttpServer {

    public static final String JSON = "application/json";
    public static final String PRACTITIONER_PATH = "/api/external/practitioner";
    public static final String PATIENT_PATH = "/api/external/patient";
    public static final String CARRIERS_PATH = "/api/external/carriers";
    public static final String WEBHOOK_PATH = "/api/external/webhook";
    /** Current shape B ({@code medication_requests[]}). */
    public static final String MEDICATION_ORDER_PATH = "/api/external/medication-order";
    /** Legacy flat shape A. */
    public static final String LEGACY_MEDICATION_REQUEST_PATH = "/api/external/medication-request";
    public static final String REFILL_REQUEST_PATH = "/api/external/refill-request";
    /** Order statuses from which NovaMed allows a refill (the order has left the pharmacy). */
    private static final java.util.Set<String> REFILLABLE = java.util.Set.of("shipped", "delivered");
    /**
     * A practitioner the clinic already had in NovaMed before medsync (created in NovaMed's portal), usable as a
     * tenant's fallback practitioner. Not part of {@link #practitioners()}, which lists what this sandbox created.
     */
    public static final String CLINIC_PRACTITIONER_ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

    /** Something this sandbox created: its NovaMed id, when, and the request body as received. */
    public record Created(UUID id, Instant createdAt, ObjectNode request) {
    }

    /**
     * A medication order as NovaMed keeps it: {@code items} are the {@code medication_requests[]} of shape B, or
     * the flat body of shape A without its party ids; {@code status} is "pending" until NovaMed's pharmacy acts.
     */
    public record MedicationOrder(UUID id, String patientId, String practitionerId, String clinicId,
            List<ObjectNode> items, Instant createdAt, String status) {

        /** The refills the prescription authorises ({@code refills} is a string in shape B, a number in A). */
        int refillsAuthorized() {
            return items.isEmpty() ? 0 : items.get(0).path("refills").asInt(0);
        }
    }

    /** A refill NovaMed accepted: it made a new order ({@code orderId}) from the refilled one. */
    public record Refill(UUID id, UUID refilledOrderId, UUID orderId, Instant createdAt) {
    }

    private final SandboxSettings.NovaMed settings;
    private final FixedWindowRateLimiter rateLimiter;
    private final List<Created> practitioners = new ArrayList<>();
    private final List<Created> patients = new ArrayList<>();
    private final List<MedicationOrder> medicationOrders = new ArrayList<>();
    private final List<Refill> refills = new ArrayList<>();
    // Indexes, so that duplicate checks stay O(1) at benchmark sizes; guarded by this.
    private final java.util.Set<String> practitionerNpis = new java.util.HashSet<>();
    private final java.util.Set<String> practitionerIds = new java.util.HashSet<>();
    private final java.util.Set<String> patientIdentities = new java.util.HashSet<>();
    private final java.util.Set<String> patientIds = new java.util.HashSet<>();
    private final NovaMedWebhooks webhooks;
    private final NovaMedOrderLifecycle lifecycle;

    public NovaMedSandbox(SandboxSettings settings, SandboxClock clock) {
        super("NovaMed", settings.novaMed().port(), settings.threads(), settings.latency(), clock);
        this.settings = settings.novaMed();
        this.rateLimiter = new FixedWindowRateLimiter(clock, this.settings.rateLimitPerMinute());
        this.webhooks = new NovaMedWebhooks(this.settings.webhookSecret(), this.settings.webhookRetryScale(), clock,
                json);
        this.lifecycle = new NovaMedOrderLifecycle(webhooks, json);
    }

    /** Stops the server and the webhook sender (pending retries are dropped). */
    @Override
    public void close() {
        super.close();
        webhooks.close();
    }

    // ---- test hooks -------------------------------------------------------------------------------------------

    public synchronized List<Created> practitioners() {
        return List.copyOf(practitioners);
    }

    public synchronized List<Created> patients() {
        return List.copyOf(patients);
    }

    /** Medication orders created so far, in order (both shapes). */
    public synchronized List<Refill> refills() {
        return List.copyOf(refills);
    }

    public synchronized List<MedicationOrder> medicationOrders() {
        return List.copyOf(medicationOrders);
    }

    /** Practitioners plus patients created so far. */
    public synchronized int createdCount() {
        return practitioners.size() + patients.size();
    }

    /** 0 switches limiting off; any change starts a fresh window. */
    public void setRateLimitPerMinute(int limit) {
        rateLimiter.setLimitPerMinute(limit);
    }

    /** A limit over a shorter window than NovaMed's minute, so tests can cross several windows quickly. */
    public void setRateLimit(int limitPerWindow, java.time.Duration window) {
        rateLimiter.setLimit(limitPerWindow, window.toSeconds());
    }

    public String clinicId() {
        return settings.clinicId();
    }

    /** Registered webhook URLs and every delivery attempt. */
    public NovaMedWebhooks webhooks() {
        return webhooks;
    }

    /**
     * Moves an order on as NovaMed's pharmacy would and emits {@code eventName} (e.g.
     * {@code medication_order:verified}) to the clinic's webhooks; statuses only move forward (pending, verified,
     * submitted, acknowledged, filled, shipped, cancelled). Returns how many URLs it was sent to.
     */
    public int advanceOrder(UUID orderId, String eventName) {
        return lifecycle.advance(order(orderId), eventName);
    }

    /** {@code shipment:created} with a shipment id, provider "Ameriship", tracking and label URLs. */
    public int ship(UUID orderId) {
        return lifecycle.advance(order(orderId), NovaMedOrderLifecycle.SHIPMENT_CREATED);
    }

    /** {@code practitioner:activated} for a practitioner this sandbox created (or the clinic's own). */
    public int activatePractitioner(UUID practitionerId) {
        Created practitioner;
        synchronized (this) {
            practitioner = practitioners.stream().filter(p -> p.id().equals(practitionerId)).findFirst()
                    .orElse(null);
        }
        if (practitioner == null && !CLINIC_PRACTITIONER_ID.equalsIgnoreCase(practitionerId.toString())) {
            throw new IllegalArgumentException("no practitioner " + practitionerId);
        }
        return lifecycle.activate(settings.clinicId(), practitionerId,
                practitioner == null ? json.createObjectNode() : practitioner.request());
    }

    /** The order's status: pending until {@link #advanceOrder} moves it. */
    public String orderStatus(UUID orderId) {
        return lifecycle.status(order(orderId));
    }

    private synchronized MedicationOrder order(UUID orderId) {
        return medicationOrders.stream().filter(o -> o.id().equals(orderId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no medication order " + orderId));
    }

    public String apiKey() {
        return settings.apiKey();
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------------

    @Override
    protected SandboxResponse handle(SandboxRequest request) {
        if (!settings.apiKey().equals(request.header("x-api-key"))) {
            return error(401, "Unauthorized");
        }
        FixedWindowRateLimiter.Decision decision = rateLimiter.acquire(request.header("x-api-key"));
        SandboxResponse response = decision.allowed() ? route(request) : rateLimited(decision);
        if (!rateLimiter.enabled()) {
            return response;
        }
        return response.withHeaders(Map.of(
                "X-RateLimit-Limit", String.valueOf(decision.limit()),
                "X-RateLimit-Remaining", String.valueOf(decision.remaining()),
                "X-RateLimit-Reset", String.valueOf(decision.resetEpochSecond())));
    }

    @Override
    protected SandboxResponse internalError() {
        return error(500, "Internal server error");
    }

    private SandboxResponse route(SandboxRequest request) {
        if (request.is("POST", PRACTITIONER_PATH)) {
            return createPractitioner(request);
        }
        if (request.is("POST", PATIENT_PATH)) {
            return createPatient(request);
        }
        if (request.is("POST", MEDICATION_ORDER_PATH)) {
            return createMedicationOrder(request, NovaMedRequestValidator::medicationOrder,
                    body -> List.of(body.get("medication_requests").valueStream()
                            .map(item -> (ObjectNode) item.deepCopy()).toArray(ObjectNode[]::new)));
        }
        if (request.is("POST", LEGACY_MEDICATION_REQUEST_PATH)) {
            return createMedicationOrder(request, NovaMedRequestValidator::legacyMedicationRequest,
                    body -> List.of(body.deepCopy().without(List.of("clinic_id", "patient_id", "practitioner_id"))));
        }
        if (request.is("POST", REFILL_REQUEST_PATH)) {
            return createRefill(request);
        }
        if (request.is("GET", CARRIERS_PATH)) {
            return carriers();
        }
        if (request.is("POST", WEBHOOK_PATH)) {
            return registerWebhook(request);
        }
        if (request.is("DELETE", WEBHOOK_PATH)) {
            return deleteWebhook(request);
        }
        return error(404, "Not found");
    }

    private SandboxResponse createPractitioner(SandboxRequest request) {
        return create(request, NovaMedRequestValidator::practitioner, "assigned_clinic", (id, body) -> {
            // The contract gives no status for duplicates [U]; we answer 400, as for the other business errors.
            if (!practitionerNpis.add(body.get("npi").asText())) {
                return error(400, "Practitioner with this NPI already exists");
            }
            practitionerIds.add(id.toString().toLowerCase());
            practitioners.add(new Created(id, clock.instant(), body));
            return created("practitioner_id", id, "Practitioner created successfully");
        });
    }

    private SandboxResponse createPatient(SandboxRequest request) {
        return create(request, NovaMedRequestValidator::patient, "assigned_clinic", (id, body) -> {
            if (!knownPractitioner(body.get("practitioner_id").asText())) {
                return error(400, "Practitioner not found");
            }
            // "Duplicate detection may return error if patient already exists" (status [U]): we answer 400.
            if (!patientIdentities.add(patientIdentity(body))) {
                return error(400, "Patient already exists");
            }
            patientIds.add(id.toString());
            patients.add(new Created(id, clock.instant(), body));
            return created("patient_id", id, "Patient created successfully");
        });
    }

    /**
     * Either order shape. NovaMed has no duplicate detection for orders (which is why medsync holds an ambiguous
     * order for an operator instead of resending it): the same body twice makes two orders.
     */
    private SandboxResponse createMedicationOrder(SandboxRequest request,
            Function<ObjectNode, Map<String, String>> validator, Function<ObjectNode, List<ObjectNode>> items) {
        return create(request, validator, "clinic_id", (id, body) -> {
            String patientId = body.get("patient_id").asText().toLowerCase(Locale.ROOT);
            String practitionerId = body.get("practitioner_id").asText().toLowerCase(Locale.ROOT);
            if (!patientIds.contains(patientId)) {
                return error(404, "Patient not found");
            }
            if (!knownPractitioner(practitionerId)) {
                return error(404, "Practitioner not found");
            }
            medicationOrders.add(new MedicationOrder(id, patientId, practitionerId,
                    body.get("clinic_id").asText(), items.apply(body), clock.instant(), "pending"));
            return created("medication_request_id", id, "Medication request created successfully");
        });
    }

    /**
     * NovaMed's refill rules (contract §1.6): the order exists (404 "Medication request not found"), has shipped
     * (400 "Refills are not possible for pending medication requests"), authorises refills and has one left, and has
     * no refill still pending (400 "Refill request already exists"). A refill is a new prescription and order.
     */
    private SandboxResponse createRefill(SandboxRequest request) {
        ObjectNode body;
        try {
            body = parseObject(request);
        } catch (IOException e) {
            return validationError(Map.of("body", "must be a JSON object"));
        }
        Map<String, String> details = NovaMedRequestValidator.refillRequest(body);
        if (!details.isEmpty()) {
            return validationError(details);
        }
        UUID orderId = UUID.fromString(body.get("medication_request_id").asText());
        synchronized (this) {
            MedicationOrder order = medicationOrders.stream().filter(o -> o.id().equals(orderId)).findFirst()
                    .orElse(null);
            if (order == null) {
                return error(404, "Medication request not found");
            }
            String status = lifecycle.status(order);
            if (!REFILLABLE.contains(status)) {
                return error(400, "Refills are not possible for " + status + " medication requests");
            }
            List<Refill> previous = refills.stream().filter(r -> r.refilledOrderId().equals(orderId)).toList();
            boolean pending = previous.stream().anyMatch(r -> medicationOrders.stream()
                    .anyMatch(o -> o.id().equals(r.orderId()) && !REFILLABLE.contains(lifecycle.status(o))));
            if (pending) {
                return error(400, "Refill request already exists");
            }
            // Not in the contract's message list [U]: worded like the others.
            if (previous.size() >= order.refillsAuthorized()) {
                return error(400, "No refills remaining for this medication request");
            }
            UUID newOrder = UUID.randomUUID();
            medicationOrders.add(new MedicationOrder(newOrder, order.patientId(), order.practitionerId(),
                    order.clinicId(), order.items(), clock.instant(), "pending"));
            Refill refill = new Refill(UUID.randomUUID(), orderId, newOrder, clock.instant());
            refills.add(refill);
            ObjectNode response = json.createObjectNode();
            response.put("success", true);
            response.putObject("data").put("refill_request_id", refill.id().toString())
                    .put("medication_order_id", newOrder.toString());
            response.put("message", "Refill request created successfully");
            return json(200, JSON, response);
        }
    }

    /** Created here, or the clinic's pre-existing practitioner. Called under the sandbox's lock. */
    private boolean knownPractitioner(String practitionerId) {
        return CLINIC_PRACTITIONER_ID.equalsIgnoreCase(practitionerId)
                || practitionerIds.contains(practitionerId.toLowerCase(Locale.ROOT));
    }

    /**
     * What every create does before its own business rules: parse, validate against the contract, check the clinic
     * (in {@code clinicField}); then {@code store} runs under the sandbox's lock with a fresh id.
     */
    private SandboxResponse create(SandboxRequest request, Function<ObjectNode, Map<String, String>> validator,
            String clinicField, BiFunction<UUID, ObjectNode, SandboxResponse> store) {
        ObjectNode body;
        try {
            body = parseObject(request);
        } catch (IOException e) {
            return validationError(Map.of("body", "must be a JSON object"));
        }
        Map<String, String> details = validator.apply(body);
        if (!details.isEmpty()) {
            return validationError(details);
        }
        if (!settings.clinicId().equalsIgnoreCase(body.get(clinicField).asText())) {
            return error(400, "Clinic not found");
        }
        UUID id = UUID.randomUUID();
        synchronized (this) {
            return store.apply(id, body);
        }
    }

    private SandboxResponse created(String idField, UUID id, String message) {
        ObjectNode response = json.createObjectNode();
        response.put("success", true);
        response.putObject("data").put(idField, id.toString());
        response.put("message", message);
        return json(200, JSON, response);
    }

    /** first_name + last_name + dob, case- and whitespace-insensitive, dob compared as a calendar date. */
    private static String patientIdentity(JsonNode body) {
        return body.get("first_name").asText().trim().toLowerCase(Locale.ROOT) + "|"
                + body.get("last_name").asText().trim().toLowerCase(Locale.ROOT) + "|"
                + NovaMedRequestValidator.dobDate(body.get("dob").asText());
    }

    /** {@code {clinic_id, webhook_url}} -> {@code data.webhook_id}. */
    private SandboxResponse registerWebhook(SandboxRequest request) {
        ObjectNode body;
        try {
            body = parseObject(request);
        } catch (IOException e) {
            return validationError(Map.of("body", "must be a JSON object"));
        }
        Map<String, String> details = new java.util.TreeMap<>();
        String clinicId = body.path("clinic_id").asText("");
        String url = body.path("webhook_url").asText("");
        if (clinicId.isBlank()) {
            details.put("clinic_id", "is required");
        }
        if (url.isBlank()) {
            details.put("webhook_url", "is required");
        } else {
            NovaMedWebhooks.urlProblem(url).ifPresent(problem -> details.put("webhook_url", problem));
        }
        if (!details.isEmpty()) {
            return validationError(details);
        }
        if (!settings.clinicId().equalsIgnoreCase(clinicId)) {
            return error(400, "Clinic not found");
        }
        NovaMedWebhooks.Registration registration = webhooks.register(clinicId, url);
        return created("webhook_id", registration.id(), "Webhook created successfully");
    }

    /** {@code ?id=<webhook id>}: the spec's shape (the guide shows a path parameter [!]). */
    private SandboxResponse deleteWebhook(SandboxRequest request) {
        String id = request.query("id");
        UUID webhookId;
        try {
            webhookId = UUID.fromString(id == null ? "" : id);
        } catch (IllegalArgumentException e) {
            return validationError(Map.of("id", "must be a webhook id (uuid)"));
        }
        if (!webhooks.unregister(webhookId)) {
            return error(404, "Webhook not found");
        }
        ObjectNode response = json.createObjectNode();
        response.put("success", true);
        response.put("message", "Webhook deleted successfully");
        return json(200, JSON, response);
    }

    private SandboxResponse carriers() {
        ObjectNode response = json.createObjectNode();
        response.put("success", true);
        ArrayNode carriers = response.putObject("data").putArray("carriers");
        carriers.addObject().put("id", "ameriship").put("name", "Ameriship");
        carriers.addObject().put("id", "se-3818360").put("name", "FedEx");
        carriers.addObject().put("id", "se-11225").put("name", "Stamps.com");
        carriers.addObject().put("id", "se-11226").put("name", "UPS");
        return json(200, JSON, response);
    }

    private SandboxResponse rateLimited(FixedWindowRateLimiter.Decision decision) {
        ObjectNode response = json.createObjectNode();
        response.put("success", false);
        ObjectNode error = response.putObject("error");
        error.put("code", "RATE_LIMIT_EXCEEDED");
        error.put("message", "Rate limit exceeded. Please retry after " + decision.retryAfterSeconds() + " seconds.");
        error.put("retry_after", decision.retryAfterSeconds());
        return json(429, JSON, response);
    }

    private SandboxResponse validationError(Map<String, String> details) {
        ObjectNode response = json.createObjectNode();
        response.put("success", false);
        ObjectNode error = response.putObject("error");
        error.put("message", "Validation error");
        ObjectNode detailNode = error.putObject("details");
        details.forEach(detailNode::put);
        return json(400, JSON, response);
    }

    private SandboxResponse error(int status, String message) {
        ObjectNode response = json.createObjectNode();
        response.put("success", false);
        response.putObject("error").put("message", message);
        return json(status, JSON, response);
    }
}
