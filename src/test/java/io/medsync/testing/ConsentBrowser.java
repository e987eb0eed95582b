package io.medsync.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A patient's browser going through the NextGen consent flow: GET the enrol link and follow every redirect, keeping
 * the cookies it is given.
 */
public final class ConsentBrowser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConsentBrowser() {
    }

    /** The callback's JSON answer, with its HTTP status added as {@code http_status}. */
    public static JsonNode enrol(int appPort, String tenant, String loginHint) throws IOException, InterruptedException {
        // A browser keeps cookies: the callback accepts the state only with the cookie the enrol answer set.
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS)
                .cookieHandler(new CookieManager()).build();
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appPort
                + "/nextgen/enrol/" + tenant + "?login_hint=" + loginHint)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.uri().getPath()).isEqualTo("/nextgen/callback");
        JsonNode body = JSON.readTree(answer.body());
        ObjectNode result = body instanceof ObjectNode object ? object : JSON.createObjectNode();
        result.put("http_status", answer.statusCode());
        return result;
    }
}
