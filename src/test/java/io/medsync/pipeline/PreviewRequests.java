package io.medsync.pipeline;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.medsync.sandbox.RecordedRequest;
import io.restassured.http.ContentType;

/** What preview = sync tests compare: NovaMed requests as (path, JSON body), from the sandbox or from the preview. */
final class PreviewRequests {

    static final ObjectMapper JSON = new ObjectMapper();

    record Request(String path, JsonNode body) {
    }

    private PreviewRequests() {
    }

    /** The creates NovaMed accepted, as it received them. */
    static Set<Request> accepted(List<RecordedRequest> recorded) {
        Set<Request> accepted = new HashSet<>();
        recorded.stream().filter(r -> r.method().equals("POST") && r.responseStatus() == 200)
                .forEach(r -> accepted.add(new Request(r.path(), read(r.body()))));
        return accepted;
    }

    /** {@code POST /ops/preview} of one document; every payload must be for a record the ledger has delivered. */
    static JsonNode preview(String tenant, String source, String resource, JsonNode document) {
        ObjectNode request = JSON.createObjectNode().put("tenant", tenant).put("source", source);
        if (resource != null) {
            request.put("resource", resource);
        }
        request.set("document", document);
        String answer = given().auth().oauth2("sandbox-ops-token").contentType(ContentType.JSON)
                .body(request.toString())
                .when().post("/ops/preview")
                .then().statusCode(200).extract().asString();
        return read(answer);
    }

    /** The payloads of a preview answer, each checked to be a record NovaMed already has. */
    static Set<Request> payloads(JsonNode answer) {
        Set<Request> payloads = new HashSet<>();
        answer.path("payloads").forEach(p -> {
            assertThat(p.path("method").asText()).isEqualTo("POST");
            assertThat(p.path("ledger_state").asText()).as("ledger state of %s", p.path("record").asText())
                    .isEqualTo("DELIVERED");
            assertThat(p.has("waiting_for")).isFalse();
            payloads.add(new Request(p.path("path").asText(), p.path("body")));
        });
        return payloads;
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
