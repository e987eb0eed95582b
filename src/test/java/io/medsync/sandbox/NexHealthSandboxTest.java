package io.medsync.sandbox;

import static io.medsync.contract.ContractValidators.assertValidNexHealthResponse;
import static io.medsync.sandbox.SandboxHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class NexHealthSandboxTest {

    private final SandboxSettings settings = SandboxSettings.defaults().withEphemeralPorts();
    private SandboxClock clock;
    private NexHealthSandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        // A stopped base clock: rate windows and token expiry move only when a test advances it.
        clock = new SandboxClock(Clock.fixed(Instant.parse("2030-01-01T00:00:10Z"), ZoneOffset.UTC));
        sandbox = new NexHealthSandbox(settings, clock);
        sandbox.start();
        http = new SandboxHttp(sandbox.baseUri());
    }

    @AfterEach
    void stop() {
        sandbox.stop();
    }

    private String token() throws IOException {
        HttpResponse<String> r = http.post("/authenticates", null, Map.of("Authorization", sandbox.apiKey()));
        assertThat(r.statusCode()).isEqualTo(201);
        return json(r).path("data").path("token").asText();
    }

    private HttpResponse<String> get(String pathWithQuery, String token) throws IOException {
        return http.get(pathWithQuery, Map.of("Authorization", "Bearer " + token, "Nex-Api-Version", "v3.0.0"));
    }

    private String patientsQuery(String extra) {
        return "/patients?subdomain=" + sandbox.subdomain() + "&location_id=" + sandbox.locationId() + extra;
    }

    /** Follows end_cursor until has_next_page is false; validates every page against the contract. */
    private List<JsonNode> walk(String firstPathWithQuery, String token) throws IOException {
        List<JsonNode> items = new ArrayList<>();
        String path = firstPathWithQuery;
        for (int guard = 0; guard < 1000; guard++) {
            HttpResponse<String> r = get(path, token);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertValidNexHealthResponse("GET", path, 200, r.headers().firstValue("Content-Type").orElse(null),
                    r.body());
            JsonNode body = json(r);
            assertThat(body.path("code").asBoolean()).isTrue();
            body.path("data").forEach(items::add);
            JsonNode pageInfo = body.path("page_info");
            if (!pageInfo.path("has_next_page").asBoolean()) {
                return items;
            }
            path = firstPathWithQuery + "&end_cursor="
                    + URLEncoder.encode(pageInfo.path("end_cursor").asText(), StandardCharsets.UTF_8);
        }
        throw new AssertionError("paging did not end");
    }

    @Test
    void authenticatesReturns201WithJwtShapedTokenAsTheContractSays() throws IOException {
        HttpResponse<String> r = http.post("/authenticates", null, Map.of("Authorization", sandbox.apiKey()));

        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode body = json(r);
        assertThat(body.path("code").asBoolean()).isTrue();
        assertThat(body.path("description").asText()).isEqualTo("Authenticated");
        assertThat(body.path("error").isArray()).isTrue();
        assertThat(body.path("data").path("token").asText()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertValidNexHealthResponse("POST", "/authenticates", 201,
                r.headers().firstValue("Content-Type").orElseThrow(), r.body());
    }

    @Test
    void wrongApiKeyOrBearerPrefixedKeyIsRejected() throws IOException {
        assertThat(http.post("/authenticates", null, Map.of("Authorization", "nope")).statusCode()).isEqualTo(401);
        assertThat(http.post("/authenticates", null, Map.of("Authorization", "Bearer " + sandbox.apiKey()))
                .statusCode()).isEqualTo(401);
    }

    @Test
    void pagingAtPerPage7WalksEveryPatientExactlyOnceAndEveryPageMatchesTheContract() throws IOException {
        List<JsonNode> items = walk(patientsQuery("&per_page=7"), token());

        List<Long> ids = items.stream().map(n -> n.get("id").asLong()).toList();
        assertThat(ids).hasSize(sandbox.patientCount()).doesNotHaveDuplicates()
                .containsExactlyElementsOf(sandbox.patientIds());
        // 200 patients at 7 per page: 29 requests, recorded
        assertThat(sandbox.recordedRequests()).filteredOn(r -> r.path().equals("/patients")).hasSize(29);
    }

    @Test
    void providerWalkReturnsOnlyActiveProvidersByDefaultAndMatchesTheContract() throws IOException {
        String token = token();
        String base = "/providers?subdomain=" + sandbox.subdomain() + "&per_page=3";

        List<JsonNode> active = walk(base, token);
        List<JsonNode> inactive = walk(base + "&inactive=true", token);

        assertThat(active).isNotEmpty().allMatch(p -> !p.get("inactive").asBoolean());
        assertThat(inactive).isNotEmpty().allMatch(p -> p.get("inactive").asBoolean());
        assertThat(active.size() + inactive.size()).isEqualTo(sandbox.providerIds().size());
        assertThat(active.get(0).path("locations").isArray()).isTrue();
    }

    @Test
    void updatedSinceReturnsOnlyPatientsUpdatedAtOrAfterIt() throws IOException {
        clock.advance(Duration.ofDays(3650)); // well after all seeded timestamps
        String token = token(); // the clock jump expired earlier tokens
        Instant since = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        List<Long> changed = sandbox.patientIds().subList(10, 13);
        changed.forEach(id -> sandbox.updatePatient(id, p -> p.put("middle_name", "Changed")));

        List<JsonNode> items = walk(patientsQuery("&per_page=50&updated_since=" + since), token);

        assertThat(items).extracting(n -> n.get("id").asLong()).containsExactlyElementsOf(changed);
        assertThat(items).allMatch(n -> n.get("middle_name").asText().equals("Changed"));
    }

    @Test
    void sortByUpdatedAtPagesInUpdateOrder() throws IOException {
        List<JsonNode> items = walk(patientsQuery("&per_page=40&sort=updated_at"), token());

        List<Instant> stamps = items.stream().map(n -> Instant.parse(n.get("updated_at").asText())).toList();
        assertThat(stamps).hasSize(sandbox.patientCount()).isSorted();
        assertThat(Set.copyOf(items.stream().map(n -> n.get("id").asLong()).toList()))
                .hasSize(sandbox.patientCount());
    }

    @Test
    void perPageOutside1To1000IsABadRequest() throws IOException {
        String token = token();
        for (String perPage : List.of("1001", "0", "abc")) {
            HttpResponse<String> r = get(patientsQuery("&per_page=" + perPage), token);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(json(r).path("code").asBoolean()).isFalse();
            assertThat(json(r).path("error").get(0).asText()).contains("per_page");
        }
        assertThat(get(patientsQuery("&per_page=1000"), token).statusCode()).isEqualTo(200);
    }

    @Test
    void expiredTokenIs401InTheUnauthorizedShapeThenReAuthenticationWorks() throws IOException {
        String token = token();
        assertThat(get(patientsQuery(""), token).statusCode()).isEqualTo(200);

        clock.advance(settings.nexHealth().tokenTtl().plusSeconds(1));
        HttpResponse<String> expired = get(patientsQuery(""), token);

        assertThat(expired.statusCode()).isEqualTo(401);
        JsonNode body = json(expired);
        assertThat(body.path("code").asBoolean()).isFalse();
        // The spec types API_Errors_*.data as a (non-nullable) object; the README/brief envelope sends null.
        assertThat(body.has("data") && body.get("data").isNull()).isTrue();
        assertThat(body.path("error").get(0).asText()).isNotBlank();
        assertThat(get(patientsQuery(""), token()).statusCode()).isEqualTo(200);
    }

    @Test
    void expireAllTokensInvalidatesIssuedTokens() throws IOException {
        String token = token();
        sandbox.expireAllTokens();
        assertThat(get(patientsQuery(""), token).statusCode()).isEqualTo(401);
        assertThat(http.get(patientsQuery(""), Map.of("Nex-Api-Version", "v3.0.0")).statusCode()).isEqualTo(401);
    }

    @Test
    void missingNexApiVersionHeaderIsABadRequest() throws IOException {
        HttpResponse<String> r = http.get(patientsQuery(""), Map.of("Authorization", "Bearer " + token()));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("Nex-Api-Version");
    }

    @Test
    void subdomainAndLocationAreChecked() throws IOException {
        String token = token();
        assertThat(get("/patients?subdomain=nope&location_id=" + sandbox.locationId(), token).statusCode())
                .isEqualTo(404);
        assertThat(get("/patients?subdomain=" + sandbox.subdomain(), token).statusCode()).isEqualTo(400);
        HttpResponse<String> forbidden = get("/patients?subdomain=" + sandbox.subdomain() + "&location_id=999",
                token);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).contains("not accessible");
        assertThat(get("/providers?subdomain=nope", token).statusCode()).isEqualTo(404);
    }

    @Test
    void invalidCursorIsABadRequest() throws IOException {
        assertThat(get(patientsQuery("&end_cursor=%21not-a-cursor"), token()).statusCode()).isEqualTo(400);
    }

    @Test
    void rateLimitAnswers429WithTheNexHealthEnvelopeUntilTheNextMinute() throws IOException {
        String token = token();
        sandbox.setRateLimitPerMinute(2);
        assertThat(get(patientsQuery(""), token).statusCode()).isEqualTo(200);
        assertThat(get(patientsQuery(""), token).statusCode()).isEqualTo(200);

        HttpResponse<String> limited = get(patientsQuery(""), token);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(json(limited).path("error").get(0).asText()).isEqualTo("Rate limit exceeded");
        assertThat(limited.headers().firstValue("Retry-After")).isEmpty();
        clock.advance(Duration.ofSeconds(61));
        assertThat(get(patientsQuery(""), token).statusCode()).isEqualTo(200);
    }

    @Test
    void updatePatientBumpsUpdatedAtToTheSandboxClock() {
        long id = sandbox.patientIds().get(0);
        clock.advance(Duration.ofDays(5000));
        Instant before = clock.instant();

        sandbox.updatePatient(id, p -> p.put("email", (String) null));

        JsonNode patient = sandbox.patient(id).orElseThrow();
        assertThat(patient.get("email").isNull()).isTrue();
        assertThat(Instant.parse(patient.get("updated_at").asText())).isAfterOrEqualTo(before.minusMillis(1));
    }

    @Test
    void recordedRequestsKeepMethodPathQueryAndStatus() throws IOException {
        String token = token();
        get(patientsQuery("&per_page=2"), token);

        List<RecordedRequest> recorded = sandbox.recordedRequests();
        assertThat(recorded).extracting(RecordedRequest::method, RecordedRequest::path, RecordedRequest::responseStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("POST", "/authenticates", 201),
                        org.assertj.core.groups.Tuple.tuple("GET", "/patients", 200));
        assertThat(recorded.get(1).query()).contains("per_page=2");
        assertThat(recorded.get(1).header("nex-api-version")).isEqualTo("v3.0.0");
        sandbox.clearRecordedRequests();
        assertThat(sandbox.recordedRequests()).isEmpty();
        assertThat(new HashSet<>(sandbox.patientIds())).hasSize(200);
    }
}
