package io.medsync.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Minimal HTTP/1.1 client for talking to a started sandbox in tests. */
final class SandboxHttp {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI base;

    SandboxHttp(URI base) {
        this.base = base;
    }

    HttpResponse<String> get(String pathWithQuery, Map<String, String> headers) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve(pathWithQuery)).GET(), headers);
    }

    HttpResponse<String> post(String path, String body, Map<String, String> headers) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        return send(b, headers);
    }

    HttpResponse<String> delete(String pathWithQuery, Map<String, String> headers) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve(pathWithQuery)).DELETE(), headers);
    }

    private HttpResponse<String> send(HttpRequest.Builder builder, Map<String, String> headers) throws IOException {
        builder.timeout(Duration.ofSeconds(10)).header("Accept", "application/json");
        headers.forEach(builder::header);
        try {
            return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
