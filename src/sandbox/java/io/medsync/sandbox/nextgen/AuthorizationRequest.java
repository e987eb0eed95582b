package io.medsync.sandbox.nextgen;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

/** The parameters of an authorization request (RFC 6749 section 4.1.1 + PKCE), as the login form carries them on. */
record AuthorizationRequest(String responseType, String clientId, String redirectUri, String state, String scope,
        String codeChallenge, String codeChallengeMethod, String aud) {

    /** Form/query fields the login page must post back unchanged. */
    static final String[] FIELDS = {"response_type", "client_id", "redirect_uri", "state", "scope",
            "code_challenge", "code_challenge_method", "aud"};

    static AuthorizationRequest from(HttpServletRequest request) {
        return new AuthorizationRequest(request.getParameter("response_type"), request.getParameter("client_id"),
                request.getParameter("redirect_uri"), request.getParameter("state"), request.getParameter("scope"),
                request.getParameter("code_challenge"), request.getParameter("code_challenge_method"),
                request.getParameter("aud"));
    }

    Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        String[] values = {responseType, clientId, redirectUri, state, scope, codeChallenge, codeChallengeMethod, aud};
        for (int i = 0; i < FIELDS.length; i++) {
            if (values[i] != null) {
                fields.put(FIELDS[i], values[i]);
            }
        }
        return fields;
    }

    /** The sandbox only redirects to loopback addresses (it runs beside medsync, never on the internet). */
    boolean hasLoopbackRedirect() {
        if (redirectUri == null) {
            return false;
        }
        try {
            URI uri = new URI(redirectUri);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            return "http".equalsIgnoreCase(uri.getScheme()) && (host.equals("127.0.0.1") || host.equals("localhost"))
                    && uri.getFragment() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** {@code redirect_uri} with the given parameters and {@code state} appended. */
    String redirect(Map<String, String> params) {
        StringBuilder url = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        Map<String, String> all = new LinkedHashMap<>(params);
        if (state != null) {
            all.put("state", state);
        }
        all.forEach((k, v) -> url.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8))
                .append('&'));
        url.setLength(url.length() - 1);
        return url.toString();
    }
}
