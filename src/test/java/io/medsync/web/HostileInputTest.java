package io.medsync.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.medsync.nexhealth.NexHealthWebhookVerifier;
import io.medsync.testing.LogCapture;
import io.medsync.testing.StartsOnACleanSlate;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every bad request is a clean 4xx with a JSON body: the cases the attack on main found (issue 17, "Why" 2, 3, 5,
 * 6), then a generated barrage across every endpoint, after which the app is healthy and no PHI or secret is in
 * the log.
 */
@QuarkusTest
class HostileInputTest extends StartsOnACleanSlate {

    private static final String OPS = "Bearer sandbox-ops-token";
    private static final String SECRET = "sandbox-webhook-secret";
    private static final String TEMPLATE = "{timestamp}.{base64body}";

    @Inject
    PublicRateLimits rateLimits;

    // ---- Why 2: server errors from bad input ----

    @Test
    void aTimestampOutsideWhatJavaTimeAcceptsIsA400WithoutAStackTrace() {
        try (LogCapture log = LogCapture.start()) {
            given().header("timestamp", "9223372036854775807").header("signature", "ab").contentType("application/json")
                    .body("{}").when().post("/webhooks/nexhealth")
                    .then().statusCode(400).contentType("application/json").body("error", equalTo("bad_request"));
            assertThat(log.lines()).noneMatch(l -> l.contains("\tat ") || l.contains("SEVERE"));
        }
    }

    @Test
    void jsonNestedBeyondTheDocumentedDepthIsA400() {
        String deep = "[".repeat(2000) + "]".repeat(2000);
        String deepObject = "{\"novamed_id\":" + "{\"a\":".repeat(JsonLimits.MAX_NESTING_DEPTH + 5) + "1"
                + "}".repeat(JsonLimits.MAX_NESTING_DEPTH + 6);
        ops().contentType("application/json").body("{\"tenant\":\"demo-clinic\",\"document\":" + deep + "}")
                .when().post("/ops/preview").then().statusCode(400).contentType("application/json")
                .body("message", containsString("nesting"));
        ops().contentType("application/json").body(deepObject).when().post("/ops/in-doubt/1/delivered")
                .then().statusCode(400).contentType("application/json").body("error", equalTo("bad_request"));
    }

    @Test
    void aDuplicateKeyIsA400() {
        ops().contentType("application/json").body("{\"novamed_id\":\"a\",\"novamed_id\":\"b\"}")
                .when().post("/ops/in-doubt/1/delivered")
                .then().statusCode(400).contentType("application/json").body("message", containsString("duplicate"));
    }

    // ---- Why 3: every error body JSON ----

    @Test
    void malformedJsonIsA400WithItsPosition() {
        ops().contentType("application/json").body("{\"novamed_id\": nope}").when().post("/ops/in-doubt/1/delivered")
                .then().statusCode(400).contentType("application/json").body("message", containsString("line 1"));
    }

    @Test
    void anUnknownPathIsAJson404() {
        given().when().get("/no/such/thing").then().statusCode(404).contentType("application/json")
                .body("error", equalTo("not_found"));
        ops().when().get("/ops/no-such-view").then().statusCode(404).contentType("application/json");
    }

    @Test
    void wrongMethodMediaTypeAndOptionsAreJson4xx() {
        given().when().put("/nextgen/enrol/anything").then().statusCode(405).contentType("application/json")
                .header("Allow", notNullValue());
        ops().accept("text/html").when().get("/ops/dead-letters").then().statusCode(406)
                .contentType("application/json");
        ops().contentType("text/plain").body("x").when().post("/ops/in-doubt/1/delivered").then().statusCode(415)
                .contentType("application/json");
        given().when().options("/ops/dead-letters").then().statusCode(405).contentType("application/json");
        given().when().options("/webhooks/nexhealth").then().statusCode(405).contentType("application/json");
    }

    @Test
    void aBodyOverTheLimitIs413() {
        byte[] big = new byte[3 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        given().header("timestamp", String.valueOf(Instant.now().getEpochSecond())).header("signature", "ab")
                .contentType("application/json").body(big).when().post("/webhooks/nexhealth")
                .then().statusCode(413);
    }

    // ---- Why 5: replays ----

    @Test
    void aSignedDeliveryReplayedInsideTheWindowIsAcknowledgedWithoutNewWork() throws Exception {
        byte[] body = ("{\"event_name\":\"patient_updated\",\"subdomain\":\"demo-dental\",\"data\":{\"patient\":"
                + "{\"id\":" + sandbox.nexHealth().patientIds().get(0) + "}}}").getBytes(StandardCharsets.UTF_8);
        String now = String.valueOf(Instant.now().getEpochSecond());
        String signature = NexHealthWebhookVerifier.sign(SECRET, TEMPLATE, now, body);

        signed(now, signature, body).then().statusCode(202);
        for (int i = 0; i < 19; i++) {
            signed(now, signature, body).then().statusCode(200).body("status", equalTo("duplicate"));
        }

        assertThat(count("select count(*) from webhook_inbox")).isEqualTo(1);
    }

    @Test
    void aSignedDeliveryWithANonNumericIdIsA400() {
        byte[] body = "{\"event_name\":\"patient_updated\",\"subdomain\":\"demo-dental\",\"data\":{\"patient\":{\"id\":\"x' or 1=1\"}}}"
                .getBytes(StandardCharsets.UTF_8);
        String now = String.valueOf(Instant.now().getEpochSecond());
        signed(now, NexHealthWebhookVerifier.sign(SECRET, TEMPLATE, now, body), body).then().statusCode(400)
                .contentType("application/json");
        assertThat(count("select count(*) from webhook_inbox")).isZero();
    }

    // ---- Why 6: metric labels ----

    @Test
    void anAttackerChosenPathAddsNoMetricSeries() {
        String marker = "zz" + Long.toHexString(System.nanoTime());
        given().when().put("/nextgen/enrol/" + marker).then().statusCode(405);
        given().when().get("/" + marker).then().statusCode(404);

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).doesNotContain(marker);
    }

    // ---- Why 4: bounded public endpoints ----

    @Test
    void theEnrolLinkAndTheWebhooksAreRateLimitedPerClientAddress() {
        List<PublicRateLimits.Group> generous = rateLimits.replace("enrol", 5, java.time.Duration.ofMinutes(1));
        rateLimits.replace("webhooks", 3, java.time.Duration.ofMinutes(1));
        try (LogCapture log = LogCapture.start()) {
            int sent = 0;
            int limited = 0;
            for (int i = 0; i < 30; i++) {
                sent++;
                Response r = given().redirects().follow(false).header("X-Forwarded-For", "203.0.113.7")
                        .when().get("/nextgen/enrol/nextgen-r4");
                if (r.statusCode() == 429) {
                    limited++;
                    assertThat(r.contentType()).startsWith("application/json");
                    assertThat(r.jsonPath().getString("error")).isEqualTo("rate_limited");
                    assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 60L);
                } else {
                    assertThat(r.statusCode()).isEqualTo(303);
                }
            }
            System.out.printf("rate limit: %d enrol requests from one address, %d answered 429%n", sent, limited);
            assertThat(limited).isEqualTo(sent - 5);
            given().redirects().follow(false).header("X-Forwarded-For", "203.0.113.8")
                    .when().get("/nextgen/enrol/nextgen-r4").then().statusCode(303); // another address, its own budget
            // The webhooks share one budget per address: 3 requests, then a 429 on either.
            for (String webhook : List.of("/webhooks/nexhealth", "/webhooks/novamed", "/webhooks/nexhealth")) {
                given().header("X-Forwarded-For", "203.0.113.9").contentType("application/json").body("{}")
                        .when().post(webhook).then().statusCode(not(equalTo(429)));
            }
            given().header("X-Forwarded-For", "203.0.113.9").contentType("application/json").body("{}")
                    .when().post("/webhooks/novamed").then().statusCode(429).header("Retry-After", notNullValue())
                    .contentType("application/json").body("error", equalTo("rate_limited"));
            assertThat(log.lines()).as("refusals are counted, not logged one by one")
                    .noneMatch(l -> l.contains("rate_limited"));
        } finally {
            rateLimits.restore(generous);
        }
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("medsync_http_rate_limited_total{endpoints=\"enrol\"");
    }

    @Test
    void aConsentCallbackWithoutItsBrowsersCookieIsRefused() {
        Response enrol = given().redirects().follow(false).when().get("/nextgen/enrol/nextgen-r4");
        enrol.then().statusCode(303);
        String cookie = enrol.header("Set-Cookie");
        assertThat(cookie).contains("medsync_consent=").contains("HttpOnly").containsIgnoringCase("SameSite=Lax")
                .contains("Path=/nextgen/callback");
        String state = java.net.URLDecoder.decode(enrol.header("Location").replaceAll(".*[?&]state=([^&]*).*", "$1"),
                StandardCharsets.UTF_8);

        given().queryParam("code", "c").queryParam("state", state).when().get("/nextgen/callback")
                .then().statusCode(400).contentType("application/json").body("error", equalTo("state_not_bound"));

        Response again = given().redirects().follow(false).when().get("/nextgen/enrol/nextgen-r4");
        String otherState = java.net.URLDecoder.decode(again.header("Location")
                .replaceAll(".*[?&]state=([^&]*).*", "$1"), StandardCharsets.UTF_8);
        given().cookie("medsync_consent", enrol.cookie("medsync_consent")).queryParam("code", "c")
                .queryParam("state", otherState).when().get("/nextgen/callback")
                .then().statusCode(400) // another flow's cookie
                .body("error", equalTo("state_not_bound"));

        Response third = given().redirects().follow(false).when().get("/nextgen/enrol/nextgen-r4");
        String thirdState = java.net.URLDecoder.decode(third.header("Location")
                .replaceAll(".*[?&]state=([^&]*).*", "$1"), StandardCharsets.UTF_8);
        given().cookie("medsync_consent", third.cookie("medsync_consent")).queryParam("code", "not-a-code")
                .queryParam("state", thirdState).when().get("/nextgen/callback")
                // With its own cookie the flow goes on, to NextGen refusing the made-up code.
                .then().statusCode(400).body("error", equalTo("code_rejected"));
    }

    // ---- The barrage ----

    /** One endpoint: its method and path template ({id} filled with hostile values). */
    private record Endpoint(String method, String path, boolean ops, boolean json) {
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/webhooks/nexhealth", false, true),
            new Endpoint("POST", "/webhooks/novamed", false, true),
            new Endpoint("GET", "/nextgen/enrol/{id}", false, false),
            new Endpoint("GET", "/nextgen/callback", false, false),
            new Endpoint("POST", "/heidi/token", false, true),
            new Endpoint("POST", "/heidi/sessions", false, true),
            new Endpoint("GET", "/ops/dead-letters/{id}", true, false),
            new Endpoint("POST", "/ops/dead-letters/{id}/replay", true, false),
            new Endpoint("DELETE", "/ops/dead-letters/{id}", true, false),
            new Endpoint("POST", "/ops/in-doubt/{id}/delivered", true, true),
            new Endpoint("POST", "/ops/in-doubt/{id}/release", true, false),
            new Endpoint("GET", "/ops/orders/{id}", true, false),
            new Endpoint("POST", "/ops/preview", true, true),
            new Endpoint("GET", "/ops/records/counts", true, false),
            new Endpoint("GET", "/ops/nextgen/enrolments", true, false));

    private static final List<String> HOSTILE_IDS = List.of("-1", "99999999999999999999", "%00", "..%2F..%2Fetc%2Fpasswd",
            "'%20or%201=1--", "%3Cscript%3E", "%E2%80%AE", "%C0%AF", "NaN", "1e309", "%0d%0aX-Injected:1",
            "%F0%9F%92%A9", "a".repeat(300), "%24%7Bjndi:ldap:x%7D", "0x41");

    private static final List<String> HOSTILE_BODIES = List.of("", "{", "}", "[", "null", "\"", "{\"a\":}",
            "{\"a\":1,\"a\":2}", "\u0000", "{\"a\":\"\u0001\"}", "[".repeat(500), "{\"novamed_id\":[1,2,3]}",
            "{'single':'quotes'}", "\uFEFF{}", "{\"a\":1e999999}", "<xml/>", "true", "{\"document\":{\"x\":\"${jndi}\"}}");

    private static final List<String> HOSTILE_HEADERS = List.of("9223372036854775807", "-9223372036854775808",
            "\u00e9t\u00e9", "x".repeat(6000), "1 OR 1=1", "2026-13-45T99:99:99Z", "+1000000000-01-01T00:00:00Z");

    @Test
    void aBarrageOfBadRequestsGetsClean4xxJsonAndLeavesTheAppHealthy() {
        int sent = 0;
        List<String> wrong = new ArrayList<>();
        try (LogCapture log = LogCapture.start()) {
            for (Endpoint e : ENDPOINTS) {
                for (String id : HOSTILE_IDS) {
                    sent++;
                    String path = e.path().contains("{id}") ? e.path().replace("{id}", id) : e.path() + "/" + id;
                    check(wrong, e, path, spec(e).urlEncodingEnabled(false), e.method());
                }
                for (String body : HOSTILE_BODIES) {
                    sent++;
                    check(wrong, e, e.path().replace("{id}", "1"), spec(e).contentType("application/json").body(body),
                            e.json() ? e.method() : "POST");
                }
                // A GET with odd headers and no parameters is a fine request: headers are sent where they are read.
                for (String header : e.json() ? HOSTILE_HEADERS : List.<String>of()) {
                    sent++;
                    check(wrong, e, e.path().replace("{id}", "1"), spec(e).header("timestamp", header)
                            .header("signature", header).header("x-api-key", header), e.method());
                }
                for (String method : List.of("PUT", "PATCH", "OPTIONS", "TRACE")) {
                    sent++;
                    check(wrong, e, e.path().replace("{id}", "1"), spec(e), method);
                }
                sent++;
                check(wrong, e, e.path().replace("{id}", "1"), spec(e).contentType("application/x-www-form-urlencoded")
                        .body("a=b"), e.json() ? e.method() : "PUT");
            }
            for (String path : List.of("/", "/..", "/%2e%2e/%2e%2e/", "/ops", "/ops/", "//ops/dead-letters",
                    "/webhooks/../ops/dead-letters", "/OPS/dead-letters", "/webhooks", "/webhooks/", "/q/../ops",
                    "/nextgen", "/nextgen/enrol", "/nextgen/enrol/", "/heidi", "/index.html", "/.env", "/wp-admin",
                    "/%00", "/ops/dead-letters%00", "/ops;jsessionid=1/dead-letters")) {
                for (String method : List.of("GET", "POST", "DELETE")) {
                    sent++;
                    Response r = given().urlEncodingEnabled(false).request(method, path);
                    expect4xxJson(wrong, method + " " + path, r);
                }
            }
            given().when().get("/q/health/live").then().statusCode(200);
            given().when().get("/q/health/ready").then().statusCode(200);
            List<String> lines = log.lines();
            System.out.printf("hostile input: %d requests sent, %d not a clean 4xx JSON%n", sent, wrong.size());
            assertThat(wrong).as("requests not answered with a clean 4xx JSON").isEmpty();
            assertThat(sent).isGreaterThanOrEqualTo(500);
            assertThat(lines).as("no stack trace for client errors").noneMatch(l -> l.contains("\tat io.medsync"));
            assertThat(lines).as("no secret in the log").noneMatch(l -> l.contains(SECRET) || l.contains("sandbox-ops-token"));
            assertThat(lines).as("no hostile header or body echoed into the log")
                    .noneMatch(l -> l.contains("${jndi") || l.contains("1 OR 1=1") || l.contains("X-Injected"));
        }
    }

    private static RequestSpecification spec(Endpoint e) {
        RequestSpecification spec = given().redirects().follow(false);
        return e.ops() ? spec.header("Authorization", OPS) : spec;
    }

    private static void check(List<String> wrong, Endpoint e, String path, RequestSpecification spec, String method) {
        expect4xxJson(wrong, method + " " + e.path(), spec.request(method, path));
    }

    private static void expect4xxJson(List<String> wrong, String what, Response r) {
        int status = r.statusCode();
        // Refused by the HTTP codec before any handler (headers over the limit): no body can be chosen there.
        boolean codec = status == 431 || status == 414;
        String type = r.contentType() == null ? "" : r.contentType();
        if (status < 400 || status >= 500 || (!codec && !type.startsWith("application/json"))) {
            wrong.add(what + " -> " + status + " " + type);
        }
    }

    private static RequestSpecification ops() {
        return given().header("Authorization", OPS);
    }

    private static Response signed(String timestamp, String signature, byte[] body) {
        return given().header("timestamp", timestamp).header("signature", signature).contentType("application/json")
                .body(body).when().post("/webhooks/nexhealth");
    }

    private long count(String sql) {
        try (var c = dataSource.getConnection(); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

}
