package io.medsync.sandbox.nextgen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What a NextGen API client does over plain HTTP (no redirects followed), for the sandbox tests. */
final class NextGenTestClient {

    static final String REDIRECT_URI = "http://127.0.0.1:9/medsync/nextgen/callback";
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** A PKCE pair (RFC 7636): a random verifier and its S256 challenge. */
    record Pkce(String verifier, String challenge) {
        static Pkce random() {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            return new Pkce(verifier, OAuthGrants.s256(verifier));
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final NextGenSandbox sandbox;
    private final NextGenSandboxSettings settings;

    NextGenTestClient(NextGenSandbox sandbox) {
        this.sandbox = sandbox;
        this.settings = sandbox.settings();
    }

    /** The standard authorize query for this client, PKCE S256 and state "st-1". */
    Map<String, String> authorizeParams(Pkce pkce) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", settings.clientId());
        params.put("redirect_uri", REDIRECT_URI);
        params.put("state", "st-1");
        params.put("scope", "launch/patient patient/*.read offline_access");
        params.put("code_challenge", pkce.challenge());
        params.put("code_challenge_method", "S256");
        return params;
    }

    HttpResponse<String> authorize(Map<String, String> params) {
        return send(HttpRequest.newBuilder(uri(NextGenSandbox.AUTHORIZE_PATH + "?" + form(params))).GET());
    }

    HttpResponse<String> postAuthorize(Map<String, String> params) {
        return send(HttpRequest.newBuilder(uri(NextGenSandbox.AUTHORIZE_PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(params))));
    }

    /** Consent by login hint; returns the authorization code from the redirect. */
    String code(String patientId, Pkce pkce) {
        Map<String, String> params = authorizeParams(pkce);
        params.put("login_hint", patientId);
        HttpResponse<String> response = authorize(params);
        if (response.statusCode() != 302) {
            throw new AssertionError("authorize answered " + response.statusCode());
        }
        return redirectParams(response).get("code");
    }

    /** A full consent: authorize + code exchange; returns the token response. */
    JsonNode consent(String patientId) {
        Pkce pkce = Pkce.random();
        HttpResponse<String> response = token(Map.of("grant_type", "authorization_code",
                "code", code(patientId, pkce), "redirect_uri", REDIRECT_URI, "code_verifier", pkce.verifier()));
        if (response.statusCode() != 200) {
            throw new AssertionError("token answered " + response.statusCode() + " " + response.body());
        }
        return json(response);
    }

    /** POST token with HTTP Basic client authentication. */
    HttpResponse<String> token(Map<String, String> params) {
        String basic = Base64.getEncoder().encodeToString((settings.clientId() + ":" + settings.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        return postForm(NextGenSandbox.TOKEN_PATH, params, Map.of("Authorization", "Basic " + basic));
    }

    HttpResponse<String> postForm(String path, Map<String, String> params, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(params)));
        headers.forEach(b::header);
        return send(b);
    }

    HttpResponse<String> refresh(String refreshToken) {
        return token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    /** GET a path (with query) under the sandbox, with a bearer token unless null. */
    HttpResponse<String> get(String pathAndQuery, String accessToken) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).GET()
                .header("Accept", "application/fhir+json");
        if (accessToken != null) {
            b.header("Authorization", "Bearer " + accessToken);
        }
        return send(b);
    }

    static Map<String, String> redirectParams(HttpResponse<String> response) {
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : location.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private URI uri(String pathAndQuery) {
        return URI.create(sandbox.baseUrl() + pathAndQuery);
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) {
        try {
            return http.send(builder.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String form(Map<String, String> params) {
        return params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
