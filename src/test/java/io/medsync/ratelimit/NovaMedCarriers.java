package io.medsync.ratelimit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.medsync.sandbox.NovaMedSandbox;

/** The cheapest NovaMed call ({@code GET /api/external/carriers}) against the sandbox, for spending a budget. */
final class NovaMedCarriers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI uri;
    private final String apiKey;

    NovaMedCarriers(NovaMedSandbox sandbox) {
        this.uri = sandbox.baseUri().resolve(NovaMedSandbox.CARRIERS_PATH);
        this.apiKey = sandbox.apiKey();
    }

    HttpResponse<String> get() {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("x-api-key", apiKey)
                .GET().build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("sandbox call failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The 429 body's {@code error.retry_after}, or null. */
    static Duration retryAfter(HttpResponse<String> response) {
        try {
            JsonNode retryAfter = JSON.readTree(response.body()).path("error").path("retry_after");
            return retryAfter.isNumber() ? Duration.ofSeconds(retryAfter.asLong()) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
