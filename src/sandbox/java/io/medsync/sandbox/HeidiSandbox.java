package io.medsync.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * In-process Heidi Health Open API after the contracts README section 4 (Heidi's pages win over the third-party
 * OpenAPI): {@code GET /jwt} with one {@code Heidi-Api-Key} per region, bearer JWTs that expire on the shared
 * {@link SandboxClock}, patient profiles and sessions, and Heidi's error body {@code {"detail":{"msg","type"}}}.
 * What one region's key created is invisible to the others.
 */
public final class HeidiSandbox extends SandboxHttpServer {

    public static final String JSON = "application/json";
    /** The path of Heidi's documented base URL; the sandbox serves the API under it, as Heidi does. */
    public static final String BASE_PATH = "/api/v2/ml-scribe/open-api";
    public static final String JWT_PATH = BASE_PATH + "/jwt";
    public static final String PATIENT_PROFILES_PATH = BASE_PATH + "/patient-profiles";
    public static final String SESSIONS_PATH = BASE_PATH + "/sessions";
    /** Heidi writes {@code expiration_time} as {@code 2024-08-01T00:00:00.000Z}. */
    public static final DateTimeFormatter EXPIRATION_FORMAT = DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final Pattern PROFILE = Pattern.compile(Pattern.quote(PATIENT_PROFILES_PATH) + "/([^/]+)");
    private static final Pattern SESSION = Pattern.compile(Pattern.quote(SESSIONS_PATH) + "/([^/]+)");
    private static final Set<String> PROFILE_FIELDS = Set.of("first_name", "last_name", "birth_date", "gender",
            "ehr_patient_id", "phone", "email", "identifiers", "demographic_string", "additional_context");
    private static final Set<String> GENDERS = Set.of("MALE", "FEMALE", "OTHER");

    /** Who a JWT was issued to, and until when. */
    public record Grant(String region, String email, String thirdPartyInternalId, Instant expiresAt) {
        @Override
        public String toString() {
            return "Grant[region=" + region + ", thirdPartyInternalId=" + thirdPartyInternalId + "]";
        }
    }

    /** A patient profile or session this sandbox holds: its id, the region whose key created it, and its JSON. */
    public record Stored(String id, String region, Instant createdAt, ObjectNode body) {
    }

    private final Map<String, String> regionByKey = new ConcurrentHashMap<>();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final Map<String, Stored> profiles = new ConcurrentHashMap<>();
    private final Map<String, Stored> sessions = new ConcurrentHashMap<>();
    private final AtomicReference<Duration> tokenLifetime;
    private final SandboxSettings.Heidi settings;

    public HeidiSandbox(SandboxSettings settings, SandboxClock clock) {
        super("Heidi", settings.heidi().port(), settings.threads(), settings.latency(), clock);
        this.settings = settings.heidi();
        restoreApiKeys();
        this.tokenLifetime = new AtomicReference<>(this.settings.tokenLifetime());
    }

    // ---- test hooks -------------------------------------------------------------------------------------------

    /** The API key of a region, as the broker must send it. */
    public String apiKey(String region) {
        String key = settings.apiKeysByRegion().get(region);
        if (key == null) {
            throw new IllegalArgumentException("The Heidi sandbox has no region " + region);
        }
        return key;
    }

    /** Heidi stops accepting the region's key (revoked in Heidi's portal): {@code GET /jwt} answers 401. */
    public void revokeApiKey(String region) {
        regionByKey.remove(apiKey(region));
    }

    /** Every configured key works again. */
    public void restoreApiKeys() {
        settings.apiKeysByRegion().forEach((region, key) -> regionByKey.put(key, region));
    }

    /** Lifetime of JWTs issued from now on. */
    public void setTokenLifetime(Duration lifetime) {
        tokenLifetime.set(lifetime);
    }

    public Duration tokenLifetime() {
        return tokenLifetime.get();
    }

    /** Every JWT issued so far stops working (as if its lifetime had passed). */
    public void expireAllTokens() {
        grants.replaceAll((token, g) -> new Grant(g.region(), g.email(), g.thirdPartyInternalId(),
                clock.instant().minusSeconds(1)));
    }

    /** Who a JWT belongs to, if this sandbox issued it. */
    public Optional<Grant> grant(String token) {
        return Optional.ofNullable(grants.get(token));
    }

    public List<Stored> patientProfiles() {
        return copies(profiles);
    }

    public List<Stored> sessions() {
        return copies(sessions);
    }

    /** Deletes a profile, as a Heidi user can; later sessions naming it get 404. */
    public void deletePatientProfile(String id) {
        profiles.remove(id);
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------------

    @Override
    protected SandboxResponse handle(SandboxRequest request) {
        if (request.is("GET", JWT_PATH)) {
            return jwt(request);
        }
        if (!request.path().startsWith(BASE_PATH + "/")) {
            return error(404, "Not Found", "NotFoundError");
        }
        String header = request.header("Authorization");
        Grant grant = header != null && header.startsWith("Bearer ") ? grants.get(header.substring(7)) : null;
        if (grant == null) {
            return error(401, "Could not validate credentials", "AuthenticationError");
        }
        if (!clock.instant().isBefore(grant.expiresAt())) {
            return error(401, "Token has expired", "TokenExpiredError");
        }
        return route(request, grant);
    }

    @Override
    protected SandboxResponse internalError() {
        return error(500, "Internal server error", "InternalServerError");
    }

    private SandboxResponse route(SandboxRequest request, Grant grant) {
        if (request.is("POST", PATIENT_PROFILES_PATH)) {
            return withJsonBody(request, body -> createProfile(body, grant));
        }
        if (request.is("GET", PATIENT_PROFILES_PATH)) {
            return listProfiles(request, grant);
        }
        if (request.is("POST", SESSIONS_PATH)) {
            return withJsonBody(request, body -> createSession(body, grant));
        }
        Matcher profile = PROFILE.matcher(request.path());
        if (request.method().equals("GET") && profile.matches()) {
            return visible(profiles, profile.group(1), grant)
                    .map(p -> json(200, JSON, Map.of("data", p.body())))
                    .orElseGet(() -> error(404, "Patient profile not found", "PatientProfileNotFoundError"));
        }
        Matcher session = SESSION.matcher(request.path());
        if (request.method().equals("GET") && session.matches()) {
            return visible(sessions, session.group(1), grant)
                    .map(s -> json(200, JSON, Map.of("session", s.body())))
                    .orElseGet(() -> error(404, "Session not found", "SessionNotFoundError"));
        }
        return error(404, "Not Found", "NotFoundError");
    }

    private SandboxResponse jwt(SandboxRequest request) {
        String key = request.header("Heidi-Api-Key");
        String region = key == null ? null : regionByKey.get(key);
        if (region == null) {
            return error(401, "Invalid API key", "AuthenticationError");
        }
        String email = request.query("email");
        String userId = request.query("third_party_internal_id");
        if (email == null || email.isBlank() || userId == null || userId.isBlank()) {
            return error(422, "email and third_party_internal_id are required", "ValidationError");
        }
        Instant expires = clock.instant().plus(tokenLifetime.get());
        String token = newJwt(expires);
        grants.put(token, new Grant(region, email, userId, expires));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", token);
        body.put("expiration_time", EXPIRATION_FORMAT.format(expires));
        return json(200, JSON, body);
    }

    /** Heidi (FastAPI) answers 422 to a body that is not a JSON object. */
    private SandboxResponse withJsonBody(SandboxRequest request, Function<ObjectNode, SandboxResponse> handler) {
        try {
            return handler.apply(parseObject(request));
        } catch (IOException e) {
            return error(422, "body must be a JSON object", "ValidationError");
        }
    }

    private SandboxResponse createProfile(ObjectNode body, Grant grant) {
        String invalid = invalidProfileField(body);
        if (invalid != null) {
            return error(422, invalid, "ValidationError");
        }
        ObjectNode profile = json.createObjectNode();
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        profile.put("id", id);
        body.fields().forEachRemaining(f -> {
            if (PROFILE_FIELDS.contains(f.getKey())) {
                profile.set(f.getKey(), f.getValue());
            }
        });
        profile.put("created_at", now.toString());
        profile.put("updated_at", now.toString());
        profiles.put(id, new Stored(id, grant.region(), now, profile));
        return json(200, JSON, Map.of("data", profile));
    }

    private SandboxResponse listProfiles(SandboxRequest request, Grant grant) {
        String ehrPatientId = request.query("ehr_patient_id");
        List<ObjectNode> found = patientProfiles().stream()
                .filter(p -> p.region().equals(grant.region()))
                .filter(p -> ehrPatientId == null || ehrPatientId.equals(p.body().path("ehr_patient_id").asText(null)))
                .map(Stored::body).toList();
        return json(200, JSON, Map.of("data", found));
    }

    private SandboxResponse createSession(ObjectNode body, Grant grant) {
        String profileId = body.path("patient_profile_id").asText(null);
        Stored profile = null;
        if (profileId != null) {
            profile = visible(profiles, profileId, grant).orElse(null);
            if (profile == null) {
                return error(404, "Patient profile not found", "PatientProfileNotFoundError");
            }
        }
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        ObjectNode session = json.createObjectNode();
        session.put("session_id", id);
        session.put("patient_profile_id", profileId);
        session.put("ehr_appt_id", body.path("ehr_appointment_id").asText(null));
        session.put("ehr_patient_id", profile == null ? null : profile.body().path("ehr_patient_id").asText(null));
        session.putObject("patient");
        session.putObject("consult_note").put("status", "NOT_STARTED");
        session.put("duration", 0);
        session.put("created_at", now.toString());
        session.put("updated_at", now.toString());
        sessions.put(id, new Stored(id, grant.region(), now, session));
        return json(200, JSON, Map.of("session_id", id));
    }

    /** Heidi's page: all fields optional; birth_date YYYY-MM-DD, gender MALE/FEMALE/OTHER. Null when valid. */
    private static String invalidProfileField(ObjectNode body) {
        JsonNode gender = body.path("gender");
        if (!gender.isMissingNode() && !gender.isNull() && !GENDERS.contains(gender.asText())) {
            return "gender must be one of MALE, FEMALE, OTHER";
        }
        JsonNode birthDate = body.path("birth_date");
        if (!birthDate.isMissingNode() && !birthDate.isNull()) {
            try {
                LocalDate.parse(birthDate.asText());
            } catch (DateTimeParseException e) {
                return "birth_date must be YYYY-MM-DD";
            }
        }
        JsonNode ehrPatientId = body.path("ehr_patient_id");
        if (!ehrPatientId.isMissingNode() && !ehrPatientId.isNull() && !ehrPatientId.isTextual()) {
            return "ehr_patient_id must be a string";
        }
        return null;
    }

    private static Optional<Stored> visible(Map<String, Stored> store, String id, Grant grant) {
        return Optional.ofNullable(store.get(id)).filter(s -> s.region().equals(grant.region()));
    }

    private static List<Stored> copies(Map<String, Stored> store) {
        return store.values().stream()
                .sorted(java.util.Comparator.comparing(Stored::createdAt).thenComparing(Stored::id))
                .map(s -> new Stored(s.id(), s.region(), s.createdAt(), s.body().deepCopy())).toList();
    }

    /** A JWT-shaped opaque token (header.payload.signature); only this sandbox's grant table gives it meaning. */
    private String newJwt(Instant expires) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"iss\":\"heidi-sandbox\",\"jti\":\"" + UUID.randomUUID()
                + "\",\"exp\":" + expires.getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        String signature = b64.encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + "." + signature;
    }

    private SandboxResponse error(int status, String message, String type) {
        ObjectNode body = json.createObjectNode();
        body.putObject("detail").put("msg", message).put("type", type);
        return json(status, JSON, body);
    }
}
