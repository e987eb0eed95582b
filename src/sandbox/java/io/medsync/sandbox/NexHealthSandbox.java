package io.medsync.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.medsync.sandbox.NexHealthParams.BadParameter;

/**
 * In-process NexHealth Synchronizer API (v20240412): {@code POST /authenticates}, {@code GET /providers},
 * {@code GET /patients}, {@code GET /patients/{id}}, {@code GET /appointments}, {@code GET /appointments/{id}} and
 * the webhook endpoint/subscription calls, following {@code nexhealth-synchronizer-openapi-v20240412.json} and the
 * research notes (contracts README section 2), including its failure modes: 401 for missing/expired tokens, 400 for
 * bad parameters, 403 for an inaccessible location, 404 for an unknown subdomain or id and an optional 429 rate
 * limit. The institution has two locations; changes made through the test hooks fire the subscribed webhooks.
 */
public final class NexHealthSandbox extends SandboxHttpServer {

    /** The spec declares this media type for /authenticates, /appointments/{id} and /webhook_endpoints. */
    public static final String AUTH_CONTENT_TYPE = NexHealthReply.LEGACY;
    public static final String JSON = NexHealthReply.JSON;
    public static final int MAX_PER_PAGE = NexHealthParams.MAX_PER_PAGE;
    public static final int DEFAULT_PER_PAGE = NexHealthParams.DEFAULT_PER_PAGE;

    private static final Pattern PATIENT = Pattern.compile("/patients/(\\d{1,18})");
    private static final Pattern APPOINTMENT = Pattern.compile("/appointments/(\\d{1,18})");
    private static final Pattern SUBSCRIPTIONS = Pattern.compile("/webhook_endpoints/(\\d{1,18})/webhook_subscriptions");

    private final SandboxSettings.NexHealth settings;
    private final Set<Long> locationIds;
    private final Map<String, Instant> tokenExpiry = new ConcurrentHashMap<>();
    private final Map<Long, ObjectNode> providers = new LinkedHashMap<>();
    private final Map<Long, ObjectNode> patients = new LinkedHashMap<>();
    private final Map<Long, Long> patientLocations = new ConcurrentHashMap<>();
    private final NexHealthAppointments appointments;
    private final NexHealthWebhookEndpoints webhookEndpoints;
    private final NexHealthWebhookSender webhookSender;
    private final FixedWindowRateLimiter rateLimiter;
    private final SecureRandom tokenRandom = new SecureRandom();

    /** Seeds from {@code settings}, with appointments spread around the clock's current instant. */
    public NexHealthSandbox(SandboxSettings settings, SandboxClock clock) {
        this(settings, clock, SandboxSeed.generate(SandboxSeed.Plan.of(settings, clock.instant())));
    }

    public NexHealthSandbox(SandboxSettings settings, SandboxClock clock, SandboxSeed.Data data) {
        super("NexHealth", settings.nexHealth().port(), settings.threads(), settings.latency(), clock);
        this.settings = settings.nexHealth();
        this.locationIds = Set.of(this.settings.locationId(), this.settings.secondLocationId());
        data.providers().forEach(p -> providers.put(p.get("id").asLong(), p.deepCopy()));
        data.patients().forEach(p -> patients.put(p.get("id").asLong(), p.deepCopy()));
        patients.keySet().forEach(id -> patientLocations.put(id,
                data.patientLocations().getOrDefault(id, this.settings.locationId())));
        this.appointments = new NexHealthAppointments(data.appointments(), clock, locationIds);
        this.webhookEndpoints = new NexHealthWebhookEndpoints(clock, json);
        this.webhookSender = new NexHealthWebhookSender(webhookEndpoints, clock, json,
                this.settings.webhookRetryScale(), this.settings.subdomain());
        this.rateLimiter = new FixedWindowRateLimiter(clock, this.settings.rateLimitPerMinute());
    }

    /** Stops the server and the webhook sender (pending retries are dropped). */
    @Override
    public void close() {
        super.close();
        webhookSender.close();
    }

    // ---- test hooks: tokens, limits, settings -------------------------------------------------------------------

    /** Invalidates every issued token, as if they had all expired. */
    public void expireAllTokens() {
        tokenExpiry.clear();
    }

    public void setRateLimitPerMinute(int limit) {
        rateLimiter.setLimitPerMinute(limit);
    }

    public String subdomain() {
        return settings.subdomain();
    }

    /** The configured (main) location. */
    public long locationId() {
        return settings.locationId();
    }

    public long secondLocationId() {
        return settings.secondLocationId();
    }

    public String apiKey() {
        return settings.apiKey();
    }

    // ---- test hooks: patients and providers ---------------------------------------------------------------------

    /**
     * Changes a patient's JSON (any field, bio included), stamps updated_at/last_sync_time with the clock and fires
     * {@code patient_updated} to subscribed webhook endpoints.
     */
    public void updatePatient(long id, Consumer<ObjectNode> change) {
        ObjectNode changed;
        synchronized (patients) {
            ObjectNode patient = patients.get(id);
            if (patient == null) {
                throw new NoSuchElementException("No sandbox patient with id " + id);
            }
            change.accept(patient);
            String now = SandboxSeed.TIMESTAMP.format(clock.instant());
            patient.put("updated_at", now);
            patient.put("last_sync_time", now);
            changed = patient.deepCopy();
        }
        webhookSender.publish(WebhookEvent.PATIENT_UPDATED, changed);
    }

    /**
     * Adds a patient at {@code locationId}: a copy of the first seeded patient's shape with a new id and fresh
     * timestamps, then {@code fields} applied. Fires {@code patient_created}; returns the new id.
     */
    public long addPatient(long locationId, Consumer<ObjectNode> fields) {
        requireLocation(locationId);
        ObjectNode created;
        synchronized (patients) {
            long id = patients.keySet().stream().mapToLong(Long::longValue).max()
                    .orElse(SandboxSeed.FIRST_PATIENT_ID - 1) + 1;
            ObjectNode patient = patients.isEmpty() ? json.createObjectNode()
                    : patients.values().iterator().next().deepCopy();
            String now = SandboxSeed.TIMESTAMP.format(clock.instant());
            patient.put("id", id);
            patient.put("foreign_id", String.valueOf(50000 + id - SandboxSeed.FIRST_PATIENT_ID));
            patient.put("guarantor_id", id);
            patient.put("institution_id", SandboxSeed.INSTITUTION_ID);
            patient.put("foreign_id_type", SandboxSeed.FOREIGN_ID_TYPE);
            patient.put("inactive", false);
            fields.accept(patient);
            patient.put("id", id);
            patient.put("created_at", now);
            patient.put("updated_at", now);
            patient.put("last_sync_time", now);
            patients.put(id, patient);
            patientLocations.put(id, locationId);
            created = patient.deepCopy();
        }
        webhookSender.publish(WebhookEvent.PATIENT_CREATED, created);
        return created.get("id").asLong();
    }

    /** A copy of one patient as {@code GET /patients} serves it. */
    public Optional<ObjectNode> patient(long id) {
        synchronized (patients) {
            return Optional.ofNullable(patients.get(id)).map(ObjectNode::deepCopy);
        }
    }

    /** The location a patient belongs to (every patient belongs to exactly one). */
    public Optional<Long> patientLocation(long id) {
        return Optional.ofNullable(patientLocations.get(id));
    }

    /** Ids of the patients belonging to {@code locationId}, in id order. */
    public List<Long> patientIdsAt(long locationId) {
        return patientIds().stream().filter(id -> patientLocations.get(id) == locationId).toList();
    }

    /** Changes a provider's JSON (its NPI, say) and stamps updated_at with the clock. */
    public void updateProvider(long id, Consumer<ObjectNode> change) {
        synchronized (providers) {
            ObjectNode provider = providers.get(id);
            if (provider == null) {
                throw new NoSuchElementException("No sandbox provider with id " + id);
            }
            change.accept(provider);
            provider.put("updated_at", SandboxSeed.TIMESTAMP.format(clock.instant()));
        }
    }

    /** A copy of one provider as served (whether active or not). */
    public Optional<ObjectNode> provider(long id) {
        synchronized (providers) {
            return Optional.ofNullable(providers.get(id)).map(ObjectNode::deepCopy);
        }
    }

    public List<Long> patientIds() {
        synchronized (patients) {
            return List.copyOf(patients.keySet());
        }
    }

    public List<Long> providerIds() {
        synchronized (providers) {
            return List.copyOf(providers.keySet());
        }
    }

    public int patientCount() {
        synchronized (patients) {
            return patients.size();
        }
    }

    // ---- test hooks: appointments -------------------------------------------------------------------------------

    public List<Long> appointmentIds() {
        return appointments.ids();
    }

    /** A copy of one appointment as served. */
    public Optional<ObjectNode> appointment(long id) {
        return appointments.find(id);
    }

    /** Changes an appointment, stamps updated_at/last_sync_time and fires {@code appointment_updated}. */
    public void updateAppointment(long id, Consumer<ObjectNode> change) {
        webhookSender.publish(WebhookEvent.APPOINTMENT_UPDATED, appointments.update(id, change));
    }

    /** Sets cancelled/cancelled_at, stamps updated_at and fires {@code appointment_updated}. */
    public void cancelAppointment(long id) {
        webhookSender.publish(WebhookEvent.APPOINTMENT_UPDATED, appointments.cancel(id));
    }

    /**
     * Books an appointment for {@code patientId} at the patient's location with the patient's provider (if any),
     * then applies {@code fields}; fires {@code appointment_created} and returns the new id.
     */
    public long addAppointment(long patientId, Instant start, Duration length, Consumer<ObjectNode> fields) {
        ObjectNode patient = patient(patientId)
                .orElseThrow(() -> new NoSuchElementException("No sandbox patient with id " + patientId));
        ObjectNode provider = patient.path("provider_id").isNull() ? null
                : provider(patient.get("provider_id").asLong()).orElse(null);
        ObjectNode created = appointments.add(patient, patientLocations.get(patientId), provider, start, length,
                fields);
        webhookSender.publish(WebhookEvent.APPOINTMENT_CREATED, created);
        return created.get("id").asLong();
    }

    // ---- test hooks: webhooks -----------------------------------------------------------------------------------

    /** Copies of the registered webhook endpoints (secret_key included). */
    public List<ObjectNode> webhookEndpoints() {
        return webhookEndpoints.endpoints();
    }

    public List<ObjectNode> webhookSubscriptions() {
        return webhookEndpoints.subscriptions();
    }

    /** Every delivery attempt so far. */
    public List<WebhookDelivery> webhookDeliveries() {
        return webhookSender.deliveries();
    }

    /**
     * Sends {@code event} (e.g. {@code patient_updated}) about the current state of {@code resourceId} to every
     * subscribed active endpoint, asynchronously; returns how many endpoints will receive it.
     */
    public int deliverWebhook(String event, long resourceId) {
        WebhookEvent e = webhookEvent(event);
        return webhookSender.publish(e, resource(e, resourceId));
    }

    /**
     * The signed request the sender would POST to {@code endpointId} for {@code event} about {@code resourceId},
     * built now and not sent, so tests can replay or tamper with it.
     */
    public SignedWebhookRequest signedWebhook(long endpointId, String event, long resourceId) {
        WebhookEvent e = webhookEvent(event);
        NexHealthWebhookEndpoints.Target target = webhookEndpoints.target(endpointId)
                .orElseThrow(() -> new NoSuchElementException("No webhook endpoint with id " + endpointId));
        return webhookSender.sign(target, webhookSender.payload(e, resource(e, resourceId), clock.instant()));
    }

    private static WebhookEvent webhookEvent(String event) {
        return WebhookEvent.byName(event)
                .orElseThrow(() -> new IllegalArgumentException("Unsupported webhook event " + event));
    }

    private ObjectNode resource(WebhookEvent event, long id) {
        Optional<ObjectNode> resource = event.resourceType().equals("Patient") ? patient(id) : appointment(id);
        return resource.orElseThrow(() -> new NoSuchElementException(
                "No sandbox " + event.resourceType().toLowerCase(Locale.ROOT) + " with id " + id));
    }

    private void requireLocation(long locationId) {
        if (!locationIds.contains(locationId)) {
            throw new IllegalArgumentException("Unknown sandbox location " + locationId);
        }
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------------

    @Override
    protected SandboxResponse handle(SandboxRequest request) {
        if (!rateLimiter.acquire(settings.apiKey()).allowed()) {
            return reply(NexHealthReply.error(429, JSON, "Too Many Requests", "Rate limit exceeded"));
        }
        if (request.is("POST", "/authenticates")) {
            return authenticate(request);
        }
        Route route = route(request);
        if (route == null) {
            return reply(NexHealthReply.notFound(JSON, "Route not found"));
        }
        if (!validToken(request.header("Authorization"))) {
            return reply(NexHealthReply.error(401, route.contentType(), "Unauthorized", "Invalid or expired token"));
        }
        if (route.needsVersionHeader() && NexHealthParams.isBlank(request.header("Nex-Api-Version"))) {
            return reply(NexHealthReply.badRequest(route.contentType(), "Nex-Api-Version header is required"));
        }
        try {
            if (route.needsSubdomain() && !settings.subdomain().equals(request.query("subdomain"))) {
                return reply(unknownSubdomain(request, route.contentType()));
            }
            return reply(route.handler().handle(request));
        } catch (BadParameter e) {
            return reply(NexHealthReply.badRequest(route.contentType(), e.getMessage()));
        }
    }

    /** One operation: its handler, the content type the spec declares and the checks it needs. */
    private record Route(Handler handler, String contentType, boolean needsVersionHeader, boolean needsSubdomain) {
    }

    @FunctionalInterface
    private interface Handler {
        NexHealthReply handle(SandboxRequest request);
    }

    private Route route(SandboxRequest request) {
        String path = request.path();
        if (request.is("GET", "/providers")) {
            return new Route(this::listProviders, JSON, true, true);
        }
        if (request.is("GET", "/patients")) {
            return new Route(this::listPatients, JSON, true, true);
        }
        if (request.is("GET", "/appointments")) {
            return new Route(appointments::list, JSON, true, true);
        }
        if (request.is("POST", "/webhook_endpoints")) {
            return new Route(webhookEndpoints::create, NexHealthReply.LEGACY, false, false);
        }
        if (request.is("GET", "/webhook_endpoints")) {
            return new Route(webhookEndpoints::list, NexHealthReply.LEGACY, false, false);
        }
        Matcher m;
        if ("GET".equalsIgnoreCase(request.method()) && (m = PATIENT.matcher(path)).matches()) {
            long id = Long.parseLong(m.group(1));
            return new Route(r -> patientDetailed(id), JSON, true, true);
        }
        if ("GET".equalsIgnoreCase(request.method()) && (m = APPOINTMENT.matcher(path)).matches()) {
            long id = Long.parseLong(m.group(1));
            // The spec declares no Nex-Api-Version header for this legacy-typed operation.
            return new Route(r -> appointments.get(id), NexHealthReply.LEGACY, false, true);
        }
        if ("POST".equalsIgnoreCase(request.method()) && (m = SUBSCRIPTIONS.matcher(path)).matches()) {
            long id = Long.parseLong(m.group(1));
            return new Route(r -> webhookEndpoints.subscribe(id, r), JSON, true, true);
        }
        return null;
    }

    @Override
    protected SandboxResponse internalError() {
        return reply(NexHealthReply.error(500, JSON, "Internal Server Error", "Internal Server Error"));
    }

    private SandboxResponse reply(NexHealthReply reply) {
        return json(reply.status(), reply.contentType(), reply.body());
    }

    private SandboxResponse authenticate(SandboxRequest request) {
        // NexHealth takes the raw API key here, without a "Bearer" prefix.
        if (!settings.apiKey().equals(request.header("Authorization"))) {
            return reply(NexHealthReply.error(401, AUTH_CONTENT_TYPE, "Unauthorized", "Invalid API key"));
        }
        String token = newToken();
        tokenExpiry.put(token, clock.instant().plus(settings.tokenTtl()));
        ObjectNode data = json.createObjectNode().put("token", token);
        return reply(NexHealthReply.ok(201, AUTH_CONTENT_TYPE, "Authenticated", data));
    }

    private boolean validToken(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        Instant expiry = tokenExpiry.get(authorization.substring("Bearer ".length()).trim());
        return expiry != null && clock.instant().isBefore(expiry);
    }

    /** JWT-shaped but opaque: clients must not rely on its content, as NexHealth documents none. */
    private String newToken() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long iat = clock.instant().getEpochSecond();
        String header = "{\"alg\":\"HS256\"}";
        String payload = "{\"sub\":\"sandbox\",\"iat\":" + iat + ",\"exp\":" + (iat + settings.tokenTtl().toSeconds())
                + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        byte[] signature = new byte[32];
        tokenRandom.nextBytes(signature);
        return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(signature);
    }

    private NexHealthReply listProviders(SandboxRequest request) {
        NexHealthParams.Paging paging = NexHealthParams.Paging.from(request);
        boolean inactive = NexHealthParams.optionalBoolean(request, "inactive").orElse(false); // spec default
        Optional<Long> location = NexHealthParams.optionalLong(request, "location_id");
        Optional<List<Long>> ids = NexHealthParams.optionalIds(request, "ids[]");
        Predicate<ObjectNode> filter = p -> p.path("inactive").asBoolean(false) == inactive;
        filter = filter.and(paging.updatedSinceFilter());
        if (location.isPresent()) {
            long wanted = location.get();
            filter = filter.and(p -> hasLocation(p, wanted));
        }
        if (ids.isPresent()) {
            List<Long> wanted = ids.get();
            filter = filter.and(p -> wanted.contains(p.get("id").asLong()));
        }
        String foreignId = request.query("foreign_id");
        if (foreignId != null) {
            filter = filter.and(p -> foreignId.equals(p.path("foreign_id").asText(null)));
        }
        List<ObjectNode> matching;
        synchronized (providers) {
            matching = providers.values().stream().filter(filter).map(ObjectNode::deepCopy).toList();
        }
        return NexHealthReply.page("Providers found", paging.page(matching));
    }

    private NexHealthReply listPatients(SandboxRequest request) {
        Optional<Long> location = NexHealthParams.optionalLong(request, "location_id");
        if (location.isEmpty()) {
            throw new BadParameter("location_id is missing");
        }
        if (!locationIds.contains(location.get())) {
            return NexHealthReply.forbiddenLocation(JSON);
        }
        NexHealthParams.Paging paging = NexHealthParams.Paging.from(request);
        Predicate<ObjectNode> filter = paging.updatedSinceFilter();
        // Spec: location_strict (default false) "only returns patients belonging to the specified location,
        // rather than searching across the EHR system"; without it the whole institution is searched.
        if (NexHealthParams.optionalBoolean(request, "location_strict").orElse(false)) {
            long wanted = location.get();
            filter = filter.and(p -> patientLocations.get(p.get("id").asLong()) == wanted);
        }
        // Patients: no inactive filter unless asked (spec: "When not specified, does not filter").
        Optional<Boolean> inactive = NexHealthParams.optionalBoolean(request, "inactive");
        if (inactive.isPresent()) {
            boolean wanted = inactive.get();
            filter = filter.and(p -> p.path("inactive").asBoolean(false) == wanted);
        }
        String name = request.query("name");
        if (name != null) {
            String needle = name.toLowerCase(Locale.ROOT);
            filter = filter.and(p -> p.path("name").asText("").toLowerCase(Locale.ROOT).contains(needle));
        }
        String email = request.query("email");
        if (email != null) {
            filter = filter.and(p -> email.equalsIgnoreCase(p.path("email").asText("")));
        }
        String foreignId = request.query("foreign_id");
        if (foreignId != null) {
            filter = filter.and(p -> foreignId.equals(p.path("foreign_id").asText(null)));
        }
        String dob = request.query("date_of_birth");
        if (dob != null) {
            filter = filter.and(p -> dob.equals(p.path("bio").path("date_of_birth").asText(null)));
        }
        List<ObjectNode> matching;
        synchronized (patients) {
            matching = patients.values().stream().filter(filter).map(ObjectNode::deepCopy).toList();
        }
        return NexHealthReply.page("Patients found", paging.page(matching));
    }

    /** getPatientsId: the list item plus {@code location_ids} ({@code API_V20240412_Entities_PatientDetailed}). */
    private NexHealthReply patientDetailed(long id) {
        Optional<ObjectNode> patient = patient(id);
        if (patient.isEmpty()) {
            return NexHealthReply.notFound(JSON, "Patient not found");
        }
        ObjectNode detailed = patient.get();
        detailed.putArray("location_ids").add(patientLocations.get(id));
        return NexHealthReply.ok(200, JSON, "Patient found", detailed);
    }

    private static NexHealthReply unknownSubdomain(SandboxRequest request, String contentType) {
        if (NexHealthParams.isBlank(request.query("subdomain"))) {
            return NexHealthReply.badRequest(contentType, "subdomain is missing");
        }
        return NexHealthReply.notFound(contentType, "Institution not found");
    }

    private static boolean hasLocation(JsonNode provider, long locationId) {
        for (JsonNode location : provider.path("locations")) {
            if (location.path("id").asLong() == locationId) {
                return true;
            }
        }
        return false;
    }
}
