package io.medsync.sandbox;

import static io.medsync.contract.ContractValidators.assertValidNexHealthResponse;
import static io.medsync.sandbox.SandboxHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** An authenticated test client for a started {@link NexHealthSandbox}: GET/POST with the usual headers, paging. */
final class NexHealthApi {

    private final SandboxHttp http;
    private final NexHealthSandbox sandbox;
    private String token;

    NexHealthApi(NexHealthSandbox sandbox) {
        this.sandbox = sandbox;
        this.http = new SandboxHttp(sandbox.baseUri());
    }

    String token() throws IOException {
        if (token == null) {
            HttpResponse<String> r = http.post("/authenticates", null, Map.of("Authorization", sandbox.apiKey()));
            assertThat(r.statusCode()).isEqualTo(201);
            token = json(r).path("data").path("token").asText();
        }
        return token;
    }

    HttpResponse<String> get(String pathWithQuery) throws IOException {
        return http.get(pathWithQuery, Map.of("Authorization", "Bearer " + token(), "Nex-Api-Version", "v3.0.0"));
    }

    HttpResponse<String> post(String pathWithQuery, String body) throws IOException {
        return http.post(pathWithQuery, body,
                Map.of("Authorization", "Bearer " + token(), "Nex-Api-Version", "v3.0.0"));
    }

    /** GETs and checks the answer against the OpenAPI response schema for its status. */
    JsonNode getValid(String pathWithQuery, int expectedStatus) throws IOException {
        HttpResponse<String> r = get(pathWithQuery);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expectedStatus);
        assertValid("GET", pathWithQuery, r);
        return json(r);
    }

    static void assertValid(String method, String pathWithQuery, HttpResponse<String> r) {
        assertValidNexHealthResponse(method, pathWithQuery, r.statusCode(),
                r.headers().firstValue("Content-Type").orElse(null), r.body());
    }

    /** Follows end_cursor until has_next_page is false; validates every page against the contract. */
    List<JsonNode> walk(String firstPathWithQuery) throws IOException {
        List<JsonNode> items = new ArrayList<>();
        String path = firstPathWithQuery;
        for (int guard = 0; guard < 1000; guard++) {
            JsonNode body = getValid(path, 200);
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

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
