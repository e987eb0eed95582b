package io.medsync.sandbox.nextgen;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code POST /nge/prod/patient-oauth/token/revoke} (RFC 7009): revokes the given access or refresh token together
 * with its grant. Answers 200 for unknown tokens too, as the RFC asks.
 */
final class RevokeServlet extends HttpServlet {

    private final transient NextGenSandboxSettings settings;
    private final transient OAuthGrants grants;

    RevokeServlet(NextGenSandboxSettings settings, OAuthGrants grants) {
        this.settings = settings;
        this.grants = grants;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            OAuthHttp.authenticateClient(request, settings);
            String token = request.getParameter("token");
            if (token == null || token.isBlank()) {
                throw OAuthError.invalidRequest("token is required");
            }
            grants.revoke(token);
            OAuthHttp.json(response, 200, Map.of());
        } catch (OAuthError e) {
            OAuthHttp.error(response, e);
        }
    }
}
