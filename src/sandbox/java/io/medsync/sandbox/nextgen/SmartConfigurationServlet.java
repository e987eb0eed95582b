package io.medsync.sandbox.nextgen;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET <R4 base>/.well-known/smart-configuration}: NextGen's published SMART configuration
 * ({@code contracts/nextgen-enterprise-r4-smart-configuration.json}) with this sandbox's endpoint URLs.
 */
final class SmartConfigurationServlet extends HttpServlet {

    private final transient Supplier<String> baseUrl;

    SmartConfigurationServlet(Supplier<String> baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The document, for tests and for the CapabilityStatement's oauth-uris. */
    static Map<String, Object> document(String baseUrl) {
        String oauth = baseUrl + NextGenSandbox.OAUTH_PATH;
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("capabilities", List.of("launch-ehr", "launch-standalone", "client-public",
                "client-confidential-symmetric", "client-confidential-asymmetric", "context-banner", "context-style",
                "context-ehr-patient", "context-ehr-encounter", "context-standalone-patient",
                "context-standalone-encounter", "permission-offline", "permission-patient", "permission-user",
                "permission-v1", "permission-v2", "sso-openid-connect", "authorize-post"));
        doc.put("authorization_endpoint", oauth + "/authorize");
        doc.put("token_endpoint", oauth + "/token");
        doc.put("revocation_endpoint", oauth + "/token/revoke");
        doc.put("grant_types_supported", List.of("authorization_code", "client_credentials", "refresh_token"));
        doc.put("code_challenge_methods_supported", List.of("S256"));
        doc.put("scopes_supported", List.of("openid", "offline_access", "launch", "launch/patient",
                "launch/encounter", "patient/*.*", "user/*.*"));
        doc.put("issuer", oauth);
        doc.put("jwks_uri", baseUrl + "/nge/prod/fhir-api-r4/.well-known/jwks.json");
        return doc;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        OAuthHttp.json(response, 200, document(baseUrl.get()));
    }
}
