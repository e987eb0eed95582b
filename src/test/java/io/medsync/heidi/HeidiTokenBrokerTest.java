package io.medsync.heidi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.medsync.sandbox.HeidiSandbox;
import io.medsync.sandbox.RecordedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** {@code POST /heidi/token} against the Heidi sandbox: caching, regions, authentication and Heidi's failures. */
@QuarkusTest
class HeidiTokenBrokerTest extends HeidiEndpointTest {

    private static final String TOKEN = "/heidi/token";
    private static final String HEIDI_ERROR =
            "{\"detail\":{\"msg\":\"Service unavailable\",\"type\":\"ServiceError\"}}";


    @Test
    void aTokenIsFetchedOnceServedFromCacheAndRenewedNearExpiry() {
        Map<String, Object> clinician = broker.newClinician("AU");
        // A lifetime a minute past the 2-minute refresh margin: the clock (shared with the other simulators, whose
        // webhook timestamps must stay within minutes of real time) moves only a minute to reach the renewal point.
        broker.heidi().setTokenLifetime(Duration.ofMinutes(3));

        Response first = broker.post(TOKEN, clinician);
        Response second = broker.post(TOKEN, clinician);

        assertThat(first.statusCode()).isEqualTo(200);
        String token = first.jsonPath().getString("token");
        Instant expires = Instant.parse(first.jsonPath().getString("expiration_time"));
        assertThat(token).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertThat(first.jsonPath().getString("expiration_time"))
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(second.jsonPath().getString("token")).isEqualTo(token);
        assertThat(broker.jwtCallsFor(clinician)).hasSize(1);

        // 10 seconds short of the refresh margin (2 minutes before expiry): the cached token is served.
        Duration untilRenewal = Duration.between(sandbox.clock().instant(), expires).minus(Duration.ofMinutes(2));
        sandbox.clock().advance(untilRenewal.minusSeconds(10));
        assertThat(broker.post(TOKEN, clinician).jsonPath().getString("token")).isEqualTo(token);
        assertThat(broker.jwtCallsFor(clinician)).hasSize(1);

        // Inside the margin: a new token, later expiry, one more Heidi call; then cached again.
        sandbox.clock().advance(Duration.ofSeconds(11));
        Response renewed = broker.post(TOKEN, clinician);
        assertThat(renewed.statusCode()).isEqualTo(200);
        assertThat(renewed.jsonPath().getString("token")).isNotEqualTo(token);
        assertThat(Instant.parse(renewed.jsonPath().getString("expiration_time"))).isAfter(expires);
        assertThat(broker.post(TOKEN, clinician).jsonPath().getString("token"))
                .isEqualTo(renewed.jsonPath().getString("token"));
        assertThat(broker.jwtCallsFor(clinician)).hasSize(2);
    }

    @Test
    void concurrentRequestsForOneClinicianMakeOneHeidiCall() {
        Map<String, Object> clinician = broker.newClinician("AU");
        // Heidi answers slowly, so the second request arrives while the first is still waiting for its token.
        broker.heidi().faults().delay(HeidiSandbox.JWT_PATH, 1, Duration.ofMillis(500));

        List<CompletableFuture<Response>> requests = List.of(
                CompletableFuture.supplyAsync(() -> broker.post(TOKEN, clinician)),
                CompletableFuture.supplyAsync(() -> broker.post(TOKEN, clinician)));

        List<Response> answers = requests.stream().map(CompletableFuture::join).toList();
        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        assertThat(answers.get(0).jsonPath().getString("token"))
                .isEqualTo(answers.get(1).jsonPath().getString("token"));
        assertThat(broker.jwtCallsFor(clinician)).hasSize(1);
    }

    @Test
    void eachRegionIsAskedWithItsOwnKey() {
        Map<String, Object> au = broker.newClinician("AU");
        Map<String, Object> us = broker.newClinician("us");

        assertThat(broker.post(TOKEN, au).statusCode()).isEqualTo(200);
        assertThat(broker.post(TOKEN, us).statusCode()).isEqualTo(200);

        RecordedRequest auCall = broker.jwtCallsFor(au).get(0);
        RecordedRequest usCall = broker.jwtCallsFor(us).get(0);
        // Compared as booleans, so a failure does not print a key.
        assertThat(broker.heidi().apiKey("AU").equals(auCall.header("Heidi-Api-Key"))).as("AU call carries AU's key")
                .isTrue();
        assertThat(broker.heidi().apiKey("US").equals(usCall.header("Heidi-Api-Key"))).as("US call carries US's key")
                .isTrue();
        assertThat(broker.heidi().apiKey("AU").equals(broker.heidi().apiKey("US"))).isFalse();
        assertThat(auCall.query()).contains("email=" + ((String) au.get("email")).replace("@", "%40"));
    }

    @Test
    void aKeyHeidiRefusesIsAnOperatorProblemNotTheCallers() {
        Map<String, Object> clinician = broker.newClinician("US");
        broker.heidi().revokeApiKey("US");

        Response answer = broker.post(TOKEN, clinician);

        assertThat(answer.statusCode()).isEqualTo(502);
        assertThat(answer.jsonPath().getString("error")).isEqualTo("heidi_rejected_key");
        assertThat(answer.jsonPath().getString("message")).contains("region US", "AuthenticationError",
                "medsync.heidi.regions.US.api-key-ref");
        assertThat(broker.jwtCallsFor(clinician)).isNotEmpty()
                .allSatisfy(r -> assertThat(r.responseStatus()).isEqualTo(401));
        // The other region is unaffected.
        assertThat(broker.post(TOKEN, broker.newClinician("AU")).statusCode()).isEqualTo(200);
    }

    @Test
    void aForbiddenAnswerIsTheKeysProblemToo() {
        Map<String, Object> clinician = broker.newClinician("AU");
        broker.heidi().faults().respondWith(HeidiSandbox.JWT_PATH, 1, 403,
                "{\"detail\":{\"msg\":\"Forbidden\",\"type\":\"PermissionDenied\"}}");

        Response answer = broker.post(TOKEN, clinician);

        assertThat(answer.statusCode()).isEqualTo(502);
        assertThat(answer.jsonPath().getString("error")).isEqualTo("heidi_rejected_key");
        assertThat(broker.jwtCallsFor(clinician)).hasSize(1);
    }

    @Test
    void heidiServerErrorsAreRetriedThenAnsweredAsUnavailable() {
        Map<String, Object> clinician = broker.newClinician("AU");
        broker.heidi().faults().respondWith(HeidiSandbox.JWT_PATH, 100, 503, HEIDI_ERROR);

        Response answer = broker.post(TOKEN, clinician);

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.jsonPath().getString("error")).isEqualTo("heidi_unavailable");
        assertThat(answer.jsonPath().getString("message")).contains("HTTP 503 after 4 attempt(s)");
        assertThat(broker.jwtCallsFor(clinician)).hasSize(4);
    }

    @Test
    void aServerErrorThatClearsUpIsInvisibleToTheCaller() {
        Map<String, Object> clinician = broker.newClinician("AU");
        broker.heidi().faults().respondWith(HeidiSandbox.JWT_PATH, 1, 500, HEIDI_ERROR);
        broker.heidi().faults().dropConnection(HeidiSandbox.JWT_PATH, 1);

        Response answer = broker.post(TOKEN, clinician);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(broker.jwtCallsFor(clinician)).hasSize(3);
    }

    @Test
    void heidiRateLimitingIsPassedOnWithItsRetryHint() {
        Map<String, Object> clinician = broker.newClinician("AU");
        broker.heidi().faults().respondWith(HeidiSandbox.JWT_PATH, 1, 429,
                "{\"detail\":{\"msg\":\"Too many requests\",\"type\":\"RateLimitError\"}}",
                Map.of("Content-Type", "application/json", "Retry-After", "17"));

        Response answer = broker.post(TOKEN, clinician);

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo("17");
        assertThat(answer.jsonPath().getString("error")).isEqualTo("heidi_rate_limited");
        assertThat(answer.jsonPath().getInt("retry_after")).isEqualTo(17);
        // Not waited out: a clinician is waiting on the other end.
        assertThat(broker.jwtCallsFor(clinician)).hasSize(1);
    }

    @Test
    void withoutAValidBearerNothingReachesHeidi() {
        Map<String, Object> clinician = broker.newClinician("AU");

        Response missing = broker.post(TOKEN, null, clinician);
        Response wrong = broker.post(TOKEN, "not-the-token", clinician);

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.jsonPath().getString("error")).isEqualTo("unauthorized");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(broker.heidi().recordedRequests()).isEmpty();
    }

    @Test
    void theOpsTokenOpensTheBrokerToo() {
        assertThat(broker.post(TOKEN, HeidiBrokerFixture.OPS_TOKEN, broker.newClinician("AU")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void anUnknownRegionIsRefusedNamingTheKnownOnes() {
        Response answer = broker.post(TOKEN, broker.newClinician("EU"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.jsonPath().getString("error")).isEqualTo("bad_request");
        assertThat(answer.jsonPath().getString("message")).contains("'EU'", "AU, US");
        assertThat(broker.heidi().recordedRequests()).isEmpty();
    }

    @Test
    void badFieldsAreRefusedOneByOne() {
        Map<String, Object> valid = broker.newClinician("AU");
        assertBadRequest("{\"ehr_user_id\":\"u1\",\"region\":\"AU\"}", "email is required");
        assertBadRequest(Map.of("email", "n/a", "ehr_user_id", "u1", "region", "AU"),
                "email is not a valid email address");
        assertBadRequest(Map.of("email", valid.get("email"), "region", "AU"), "ehr_user_id is required");
        assertBadRequest(Map.of("email", valid.get("email"), "ehr_user_id", "u 1", "region", "AU"),
                "ehr_user_id must be");
        assertBadRequest(Map.of("email", valid.get("email"), "ehr_user_id", "u1"), "region is required");
        assertBadRequest("{\"email\":", "body is not JSON");
        assertBadRequest("[]", "body must be a JSON object");
        assertThat(broker.heidi().recordedRequests()).isEmpty();
    }

    private void assertBadRequest(Object body, String message) {
        Response answer = broker.post(TOKEN, body);
        assertThat(answer.statusCode()).as(message).isEqualTo(400);
        assertThat(answer.jsonPath().getString("message")).contains(message);
    }
}
