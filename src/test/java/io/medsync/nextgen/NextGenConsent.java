package io.medsync.nextgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A patient consenting in the NextGen sandbox, as their browser would: for tests in any package. */
public final class NextGenConsent {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NextGenConsent() {
    }

    /**
     * GETs the enrol link of the app listening on {@code appPort} and follows every redirect to the callback's
     * answer; the answer's HTTP status is added as {@code http_status}.
     */
    public static JsonNode follow(int appPort, String tenant, String loginHint)
            throws IOException, InterruptedException {
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS).build();
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + appPort + "/nextgen/enrol/" + tenant + "?login_hint=" + loginHint)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.uri().getPath()).isEqualTo("/nextgen/callback");
        JsonNode body = JSON.readTree(answer.body());
        body = body == null ? JSON.createObjectNode() : body;
        ((ObjectNode) body).put("http_status", answer.statusCode());
        return body;
    }
}
