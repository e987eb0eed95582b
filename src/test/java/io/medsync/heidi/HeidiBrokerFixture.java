package io.medsync.heidi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.medsync.sandbox.HeidiSandbox;
import io.medsync.sandbox.RecordedRequest;
import io.medsync.sandbox.SandboxLauncher;
import io.medsync.testing.LogCapture;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * What the Heidi broker tests share: calls to the broker's endpoints, the Heidi sandbox's records, and a log capture
 * that fails the test when a key, a token or an email reached a log line.
 */
final class HeidiBrokerFixture implements AutoCloseable {

    static final String FRONTEND_TOKEN = "sandbox-heidi-frontend-token";
    static final String OPS_TOKEN = "sandbox-ops-token";

    private final SandboxLauncher sandbox;
    private final LogCapture logs = LogCapture.start();
    private final List<String> secrets = new ArrayList<>();
    private final Duration tokenLifetime;

    HeidiBrokerFixture(SandboxLauncher sandbox) {
        this.sandbox = sandbox;
        this.tokenLifetime = heidi().tokenLifetime();
        heidi().clearRecordedRequests();
        heidi().faults().clear();
        heidi().restoreApiKeys();
        secrets.addAll(List.of(heidi().apiKey("AU"), heidi().apiKey("US"), FRONTEND_TOKEN, OPS_TOKEN));
    }

    HeidiSandbox heidi() {
        return sandbox.heidi();
    }

    /** A clinician no other test has used, so the broker's cache holds nothing for them yet. */
    Map<String, Object> newClinician(String region) {
        String id = "ehr-user-" + UUID.randomUUID();
        String email = "dr." + id.substring(9, 17) + "@clinic.example.com";
        secrets.add(email);
        return Map.of("email", email, "ehr_user_id", id, "region", region);
    }

    Response post(String path, Object body) {
        return post(path, FRONTEND_TOKEN, body);
    }

    Response post(String path, String bearer, Object body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        Response response = request.when().post(path);
        String token = response.jsonPath().getString("token");
        if (token != null) {
            secrets.add(token);
        }
        return response;
    }

    List<RecordedRequest> requests(String method, String path) {
        return heidi().recordedRequests().stream().filter(r -> r.method().equals(method) && r.path().equals(path))
                .toList();
    }

    List<RecordedRequest> jwtCallsFor(Map<String, Object> clinician) {
        String id = (String) clinician.get("ehr_user_id");
        return requests("GET", HeidiSandbox.JWT_PATH).stream()
                .filter(r -> r.query().contains("third_party_internal_id=" + id)).toList();
    }

    /** No key, token or email in any log line written while this fixture was open. */
    @Override
    public void close() {
        logs.close();
        heidi().faults().clear();
        heidi().restoreApiKeys();
        heidi().setTokenLifetime(tokenLifetime);
        List<String> lines = logs.lines();
        for (String secret : secrets) {
            // The secret is not printed: a failure names only how many lines carried one.
            assertThat(lines.stream().filter(l -> l.contains(secret)).count())
                    .as("log lines carrying a key, token or email").isZero();
        }
    }
}
