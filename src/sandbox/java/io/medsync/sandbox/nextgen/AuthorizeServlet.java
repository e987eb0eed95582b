package io.medsync.sandbox.nextgen;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET|POST /nge/prod/patient-oauth/authorize}: the authorization-code endpoint with PKCE S256. A bad client or
 * redirect URI gets a 400 page and no redirect (RFC 6749 section 4.1.2.1); other errors are redirected. The patient
 * "logs in" with {@code login_hint=<patient id>} (consent at once) or {@code <patient id>:deny}, or, without a hint,
 * through a small HTML form.
 */
final class AuthorizeServlet extends HttpServlet {

    private static final String DENY_SUFFIX = ":deny";

    private final transient NextGenSandboxSettings settings;
    private final transient OAuthGrants grants;
    private final transient NextGenCharts charts;

    AuthorizeServlet(NextGenSandboxSettings settings, OAuthGrants grants, NextGenCharts charts) {
        this.settings = settings;
        this.grants = grants;
        this.charts = charts;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AuthorizationRequest auth = AuthorizationRequest.from(request);
        if (!validClient(auth, response) || !validRequest(auth, response)) {
            return;
        }
        String hint = request.getParameter("login_hint");
        if (hint == null || hint.isBlank()) {
            page(request, response, auth, null);
        } else if (hint.endsWith(DENY_SUFFIX)) {
            deny(response, auth);
        } else {
            consent(request, response, auth, hint.trim());
        }
    }

    /** The login form's submission. */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AuthorizationRequest auth = AuthorizationRequest.from(request);
        if (!validClient(auth, response) || !validRequest(auth, response)) {
            return;
        }
        if ("deny".equals(request.getParameter("decision"))) {
            deny(response, auth);
            return;
        }
        String patientId = request.getParameter("patient_id");
        consent(request, response, auth, patientId == null ? "" : patientId.trim());
    }

    private void consent(HttpServletRequest request, HttpServletResponse response, AuthorizationRequest auth,
            String patientId) throws IOException {
        if (!charts.hasPatient(patientId)) {
            page(request, response, auth, "No patient with that id. Check the id and try again.");
            return;
        }
        String code = grants.issueCode(patientId, auth.redirectUri(), auth.codeChallenge(),
                auth.scope() == null ? "patient/*.read offline_access" : auth.scope());
        response.sendRedirect(auth.redirect(Map.of("code", code)));
    }

    private static void deny(HttpServletResponse response, AuthorizationRequest auth) throws IOException {
        response.sendRedirect(auth.redirect(Map.of("error", "access_denied",
                "error_description", "The patient denied access")));
    }

    private boolean validClient(AuthorizationRequest auth, HttpServletResponse response) throws IOException {
        String problem = !settings.clientId().equals(auth.clientId()) ? "Unknown client_id."
                : !auth.hasLoopbackRedirect() ? "redirect_uri is missing or not a registered (loopback) address."
                : null;
        if (problem != null) {
            html(response, 400, LoginPage.errorPage(problem));
            return false;
        }
        return true;
    }

    private static boolean validRequest(AuthorizationRequest auth, HttpServletResponse response) throws IOException {
        if (!"code".equals(auth.responseType())) {
            response.sendRedirect(auth.redirect(Map.of("error", "unsupported_response_type",
                    "error_description", "Only response_type=code is supported")));
            return false;
        }
        if (auth.codeChallenge() == null || auth.codeChallenge().isBlank()
                || !"S256".equals(auth.codeChallengeMethod())) {
            response.sendRedirect(auth.redirect(Map.of("error", "invalid_request",
                    "error_description", "PKCE is required: code_challenge with code_challenge_method=S256")));
            return false;
        }
        return true;
    }

    private void page(HttpServletRequest request, HttpServletResponse response, AuthorizationRequest auth,
            String error) throws IOException {
        List<String> patientIds = charts.patients().stream().map(Chart.Patient::id).toList();
        html(response, 200, LoginPage.render(request.getRequestURI(), auth.fields(), error, patientIds));
    }

    private static void html(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(body);
    }
}
