package io.medsync.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
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
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * In-process NexHealth Synchronizer API (v20240412) for {@code POST /authenticates}, {@code GET /providers} and
 * {@code GET /patients}, following {@code nexhealth-synchronizer-openapi-v20240412.json} and the research notes
 * (contracts README section 2), including its failure modes: 401 for missing/expired tokens, 400 for bad
 * parameters, 403 for an inaccessible location, 404 for an unknown subdomain and an optional 429 rate limit.
 */
public final class NexHealthSandbox extends SandboxHttpServer {

    /** The spec declares this media type for /authenticates only; the list endpoints use application/json. */
    public static final String AUTH_CONTENT_TYPE = "application/vnd.Nexhealth+json;version=2";
    public static final String JSON = "application/json";
    public static final int MAX_PER_PAGE = 1000;
    public static final int DEFAULT_PER_PAGE = 5;

    private static final DateTimeFormatter NEXHEALTH_OFFSET =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]Z");

    private final SandboxSettings.NexHealth settings;
    private final Set<Long> locationIds;
    private final Map<String, Instant> tokenExpiry = new ConcurrentHashMap<>();
    private final Map<Long, ObjectNode> providers = new LinkedHashMap<>();
    private final Map<Long, ObjectNode> patients = new LinkedHashMap<>();
    private final FixedWindowRateLimiter rateLimiter;
    private final SecureRandom tokenRandom = new SecureRandom();

    public NexHealthSandbox(SandboxSettings settings, SandboxClock clock) {
        this(settings, clock, SandboxSeed.generate(settings.randomSeed(), settings.providers(), settings.patients(),
                settings.nexHealth().locationId()));
    }

    public NexHealthSandbox(SandboxSettings settings, SandboxClock clock, SandboxSeed.Data data) {
        super("NexHealth", settings.nexHealth().port(), settings.threads(), settings.latency(), clock);
        this.settings = settings.nexHealth();
        // The seed places providers at the configured location and a satellite next to it.
        this.locationIds = Set.of(this.settings.locationId(), this.settings.locationId() + 1);
        data.providers().forEach(p -> providers.put(p.get("id").asLong(), p.deepCopy()));
        data.patients().forEach(p -> patients.put(p.get("id").asLong(), p.deepCopy()));
        this.rateLimiter = new FixedWindowRateLimiter(clock, this.settings.rateLimitPerMinute());
    }

    // ---- test hooks -------------------------------------------------------------------------------------------

    /** Invalidates every issued token, as if they had all expired. */
    public void expireAllTokens() {
        tokenExpiry.clear();
    }

    /** Changes a patient's JSON (any field, bio included) and stamps updated_at/last_sync_time with the clock. */
    public void updatePatient(long id, Consumer<ObjectNode> change) {
        synchronized (patients) {
            ObjectNode patient = patients.get(id);
            if (patient == null) {
                throw new NoSuchElementException("No sandbox patient with id " + id);
            }
            change.accept(patient);
            String now = SandboxSeed.TIMESTAMP.format(clock.instant());
            patient.put("updated_at", now);
            patient.put("last_sync_time", now);
        }
    }

    /** A copy of one patient as served. */
    public Optional<ObjectNode> patient(long id) {
        synchronized (patients) {
            return Optional.ofNullable(patients.get(id)).map(ObjectNode::deepCopy);
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

    public void setRateLimitPerMinute(int limit) {
        rateLimiter.setLimitPerMinute(limit);
    }

    public String subdomain() {
        return settings.subdomain();
    }

    public long locationId() {
        return settings.locationId();
    }

    public String apiKey() {
        return settings.apiKey();
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------------

    @Override
    protected SandboxResponse handle(SandboxRequest request) {
        if (!rateLimiter.acquire(settings.apiKey()).allowed()) {
            return error(429, JSON, "Too Many Requests", "Rate limit exceeded");
        }
        if (request.is("POST", "/authenticates")) {
            return authenticate(request);
        }
        boolean providersCall = request.is("GET", "/providers");
        boolean patientsCall = request.is("GET", "/patients");
        if (!providersCall && !patientsCall) {
            return error(404, JSON, "Not Found", "Route not found");
        }
        if (!validToken(request.header("Authorization"))) {
            return error(401, JSON, "Unauthorized", "Invalid or expired token");
        }
        if (isBlank(request.header("Nex-Api-Version"))) {
            return error(400, JSON, "Bad Request", "Nex-Api-Version header is required");
        }
        try {
            return providersCall ? listProviders(request) : listPatients(request);
        } catch (BadParameter e) {
            return error(400, JSON, "Bad Request", e.getMessage());
        }
    }

    @Override
    protected SandboxResponse internalError() {
        return error(500, JSON, "Internal Server Error", "Internal Server Error");
    }

    private SandboxResponse authenticate(SandboxRequest request) {
        // NexHealth takes the raw API key here, without a "Bearer" prefix.
        if (!settings.apiKey().equals(request.header("Authorization"))) {
            return error(401, AUTH_CONTENT_TYPE, "Unauthorized", "Invalid API key");
        }
        String token = newToken();
        tokenExpiry.put(token, clock.instant().plus(settings.tokenTtl()));
        ObjectNode body = json.createObjectNode();
        body.put("code", true);
        body.putObject("data").put("token", token);
        body.put("description", "Authenticated");
        body.putArray("error");
        return json(201, AUTH_CONTENT_TYPE, body);
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

    private SandboxResponse listProviders(SandboxRequest request) {
        if (!settings.subdomain().equals(request.query("subdomain"))) {
            return unknownSubdomain(request);
        }
        Query q = Query.from(request);
        boolean inactive = optionalBoolean(request, "inactive").orElse(false); // spec: defaults to false
        Optional<Long> location = optionalLong(request, "location_id");
        Optional<List<Long>> ids = optionalIds(request, "ids[]");
        Predicate<ObjectNode> filter = p -> p.path("inactive").asBoolean(false) == inactive;
        filter = filter.and(q.updatedSince());
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
        return page(matching, q, "Providers");
    }

    private SandboxResponse listPatients(SandboxRequest request) {
        if (!settings.subdomain().equals(request.query("subdomain"))) {
            return unknownSubdomain(request);
        }
        Optional<Long> location = optionalLong(request, "location_id");
        if (location.isEmpty()) {
            throw new BadParameter("location_id is missing");
        }
        if (!locationIds.contains(location.get())) {
            return error(403, JSON, "Forbidden", "Location not accessible");
        }
        Query q = Query.from(request);
        Predicate<ObjectNode> filter = q.updatedSince();
        // Patients: no inactive filter unless asked (spec: "When not specified, does not filter").
        Optional<Boolean> inactive = optionalBoolean(request, "inactive");
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
        return page(matching, q, "Patients");
    }

    private SandboxResponse page(List<ObjectNode> matching, Query q, String what) {
        CursorPager.Page page;
        try {
            page = CursorPager.page(matching, q.sort(), q.perPage(), q.startCursor(), q.endCursor());
        } catch (IllegalArgumentException e) {
            throw new BadParameter("Invalid cursor");
        }
        ObjectNode body = json.createObjectNode();
        body.put("code", true);
        body.put("description", what + " found");
        body.putArray("error");
        ArrayNode data = body.putArray("data");
        page.items().forEach(data::add);
        ObjectNode pageInfo = body.putObject("page_info");
        pageInfo.put("has_previous_page", page.hasPreviousPage());
        pageInfo.put("has_next_page", page.hasNextPage());
        pageInfo.put("start_cursor", page.startCursor());
        pageInfo.put("end_cursor", page.endCursor());
        return json(200, JSON, body);
    }

    private SandboxResponse unknownSubdomain(SandboxRequest request) {
        if (isBlank(request.query("subdomain"))) {
            return error(400, JSON, "Bad Request", "subdomain is missing");
        }
        return error(404, JSON, "Not Found", "Institution not found");
    }

    /** NexHealth's error envelope ({@code API_Errors_*}): code false, data null, messages in {@code error}. */
    private SandboxResponse error(int status, String contentType, String description, String message) {
        ObjectNode body = json.createObjectNode();
        body.put("code", false);
        body.put("description", description);
        body.putNull("data");
        body.putArray("error").add(message);
        return json(status, contentType, body);
    }

    private static boolean hasLocation(JsonNode provider, long locationId) {
        for (JsonNode location : provider.path("locations")) {
            if (location.path("id").asLong() == locationId) {
                return true;
            }
        }
        return false;
    }

    // ---- query parsing ------------------------------------------------------------------------------------------

    /** A client mistake in the query; becomes a 400. Messages name the parameter, never echo its value. */
    private static final class BadParameter extends RuntimeException {
        BadParameter(String message) {
            super(message, null, false, false);
        }
    }

    /** Paging and incremental-sync parameters shared by both list endpoints. */
    private record Query(CursorPager.Sort sort, int perPage, String startCursor, String endCursor,
            Instant updatedSinceValue) {

        static Query from(SandboxRequest request) {
            CursorPager.Sort sort = CursorPager.Sort.parse(request.query("sort"))
                    .orElseThrow(() -> new BadParameter("sort does not have a valid value"));
            int perPage = optionalLong(request, "per_page").map(Long::intValue).orElse(DEFAULT_PER_PAGE);
            if (perPage < 1 || perPage > MAX_PER_PAGE) {
                throw new BadParameter("per_page must be between 1 and " + MAX_PER_PAGE);
            }
            String start = emptyToNull(request.query("start_cursor"));
            String end = emptyToNull(request.query("end_cursor"));
            if (start != null && end != null) {
                throw new BadParameter("start_cursor and end_cursor are mutually exclusive");
            }
            String since = request.query("updated_since");
            return new Query(sort, perPage, start, end, since == null ? null : parseDateTime(since));
        }

        Predicate<ObjectNode> updatedSince() {
            if (updatedSinceValue == null) {
                return p -> true;
            }
            return p -> !Instant.parse(p.get("updated_at").asText()).isBefore(updatedSinceValue);
        }
    }

    /** Accepts what the spec recommends: ISO-8601 date-times, {@code YYYY-MM-DDThh:mm:ss+0000} and plain dates. */
    static Instant parseDateTime(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next format
        }
        try {
            return OffsetDateTime.parse(value, NEXHEALTH_OFFSET).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next format
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // try the next format
        }
        try {
            return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new BadParameter("updated_since is not a valid date-time");
        }
    }

    private static Optional<Long> optionalLong(SandboxRequest request, String name) {
        String value = request.query(name);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            throw new BadParameter(name + " is invalid");
        }
    }

    private static Optional<Boolean> optionalBoolean(SandboxRequest request, String name) {
        String value = request.query(name);
        if (value == null) {
            return Optional.empty();
        }
        if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) {
            return Optional.of(Boolean.parseBoolean(value));
        }
        throw new BadParameter(name + " is invalid");
    }

    /** {@code ids[]} is form style without explode in the spec: {@code ids[]=1,2}; repeated keys work too. */
    private static Optional<List<Long>> optionalIds(SandboxRequest request, String name) {
        List<String> values = request.queryParams().get(name);
        if (values == null) {
            return Optional.empty();
        }
        List<Long> ids = new ArrayList<>();
        try {
            for (String v : values) {
                ids.addAll(Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .map(Long::parseLong).collect(Collectors.toList()));
            }
        } catch (NumberFormatException e) {
            throw new BadParameter(name + " is invalid");
        }
        return Optional.of(ids);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

}
