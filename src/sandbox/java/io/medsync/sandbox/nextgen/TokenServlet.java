package io.medsync.sandbox.nextgen;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code POST /nge/prod/patient-oauth/token}: the authorization_code (with PKCE), refresh_token and
 * client_credentials grants, answering as RFC 6749 sections 5.1 and 5.2 say. Each call is reported to
 * {@code requests} (grant type and outcome only).
 */
final class TokenServlet extends HttpServlet {

    private final transient NextGenSandboxSettings settings;
    private final transient OAuthGrants grants;
    private final transient Clock clock;
    private final transient Consumer<TokenRequest> requests;

    TokenServlet(NextGenSandboxSettings settings, OAuthGrants grants, Clock clock, Consumer<TokenRequest> requests) {
        this.settings = settings;
        this.grants = grants;
        this.clock = clock;
        this.requests = requests;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String grantType = request.getParameter("grant_type");
        try {
            OAuthHttp.authenticateClient(request, settings);
            OAuthGrants.Issued issued = switch (grantType == null ? "" : grantType) {
                case "authorization_code" -> grants.exchangeCode(request.getParameter("code"),
                        request.getParameter("redirect_uri"), request.getParameter("code_verifier"));
                case "refresh_token" -> grants.refresh(request.getParameter("refresh_token"));
                case "client_credentials" -> grants.clientCredentials(request.getParameter("scope"));
                case "" -> throw OAuthError.invalidRequest("grant_type is required");
                default -> throw new OAuthError(400, "unsupported_grant_type", "Unsupported grant_type");
            };
            requests.accept(new TokenRequest(grantType, clock.instant(), 200, null));
            OAuthHttp.json(response, 200, body(issued));
        } catch (OAuthError e) {
            requests.accept(new TokenRequest(grantType, clock.instant(), e.status(), e.error()));
            OAuthHttp.error(response, e);
        }
    }

    private Map<String, Object> body(OAuthGrants.Issued issued) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", issued.accessToken());
        body.put("token_type", "Bearer");
        body.put("expires_in", issued.expiresInSeconds());
        if (issued.refreshToken() != null) {
            body.put("refresh_token", issued.refreshToken());
        }
        body.put("scope", issued.scope());
        if (issued.patientId() != null && settings.includePatientInTokenResponse()) {
            body.put("patient", issued.patientId());
        }
        return body;
    }
}
