package io.medsync.sandbox.nextgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

/** What the token and revocation endpoints share: confidential-client authentication and JSON answers. */
final class OAuthHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OAuthHttp() {
    }

    /**
     * Accepts HTTP Basic or {@code client_id} + {@code client_secret} form fields (NextGen does not say which it
     * expects, RFC 6749 section 2.3.1 allows both).
     *
     * @throws OAuthError 401 {@code invalid_client}
     */
    static void authenticateClient(HttpServletRequest request, NextGenSandboxSettings settings) {
        String id = request.getParameter("client_id");
        String secret = request.getParameter("client_secret");
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new OAuthError(401, "invalid_client", "Malformed Basic authorization header");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new OAuthError(401, "invalid_client", "Malformed Basic authorization header");
            }
            id = java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            secret = java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
        }
        if (!settings.clientId().equals(id) || !settings.clientSecret().equals(secret)) {
            throw new OAuthError(401, "invalid_client", "Client authentication failed");
        }
    }

    static void error(HttpServletResponse response, OAuthError error) throws IOException {
        if (error.status() == 401) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"nextgen-patient-oauth\"");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.error());
        body.put("error_description", error.getMessage());
        json(response, error.status(), body);
    }

    static void json(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        // RFC 6749 section 5.1: token responses must not be cached.
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }
}
