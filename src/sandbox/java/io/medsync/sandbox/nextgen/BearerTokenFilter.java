package io.medsync.sandbox.nextgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Guards a secured FHIR base: a live bearer access token is required (else 401 with an OperationOutcome and a
 * {@code WWW-Authenticate} challenge); its {@link AccessScope} is stored on the request for the resource providers,
 * which answer 403 for another patient's data. {@code metadata} and {@code .well-known/} stay public, as SMART
 * discovery needs them before any token exists.
 */
final class BearerTokenFilter extends HttpFilter {

    private final transient OAuthGrants grants;
    private final String basePath;

    /** @param basePath the secured base, ending in '/' */
    BearerTokenFilter(OAuthGrants grants, String basePath) {
        this.grants = grants;
        this.basePath = basePath;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String uri = request.getRequestURI();
        String pathInBase = uri.startsWith(basePath) ? uri.substring(basePath.length()) : "";
        if (pathInBase.equals("metadata") || pathInBase.startsWith(".well-known/")) {
            chain.doFilter(request, response);
            return;
        }
        String header = request.getHeader("Authorization");
        Optional<AccessScope> scope = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? grants.authenticate(header.substring(7).trim())
                : Optional.empty();
        if (scope.isEmpty()) {
            unauthorized(response, header == null ? "A bearer access token is required"
                    : "The access token is invalid, expired or revoked");
            return;
        }
        request.setAttribute(AccessScope.REQUEST_ATTRIBUTE, scope.get());
        chain.doFilter(request, response);
    }

    private static void unauthorized(HttpServletResponse response, String diagnostics) throws IOException {
        response.setStatus(401);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"nextgen-fhir\", error=\"invalid_token\"");
        response.setContentType("application/fhir+json;charset=UTF-8");
        // The same JSON is a valid OperationOutcome in DSTU2 and R4 ("login" exists in both issue-type code sets).
        String body = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"login\","
                + "\"diagnostics\":\"" + diagnostics + "\"}]}";
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
