package io.medsync.sandbox.nextgen;

import static io.medsync.sandbox.nextgen.NextGenTestClient.REDIRECT_URI;
import static io.medsync.sandbox.nextgen.NextGenTestClient.json;
import static io.medsync.sandbox.nextgen.NextGenTestClient.redirectParams;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.medsync.sandbox.SandboxClock;
import io.medsync.sandbox.nextgen.NextGenTestClient.Pkce;

class NextGenOAuthTest {

    private final SandboxClock clock = new SandboxClock();
    private NextGenSandbox sandbox;
    private NextGenTestClient client;
    private String patient;
    private String otherPatient;

    private void start(NextGenSandboxSettings settings) {
        sandbox = new NextGenSandbox(settings.withPort(0), clock);
        sandbox.start();
        client = new NextGenTestClient(sandbox);
        patient = sandbox.patientIds().get(0);
        otherPatient = sandbox.patientIds().get(1);
    }

    private void start() {
        start(NextGenSandboxSettings.defaults());
    }

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void authorizationCodeWithPkceGivesTokensForThePatient() {
        start();
        Pkce pkce = Pkce.random();
        Map<String, String> params = client.authorizeParams(pkce);
        params.put("login_hint", patient);

        HttpResponse<String> redirect = client.authorize(params);

        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location").orElseThrow()).startsWith(REDIRECT_URI + "?");
        Map<String, String> callback = redirectParams(redirect);
        assertThat(callback).containsEntry("state", "st-1").containsKey("code");

        HttpResponse<String> token = client.token(Map.of("grant_type", "authorization_code",
                "code", callback.get("code"), "redirect_uri", REDIRECT_URI, "code_verifier", pkce.verifier()));
        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(token.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode body = json(token);
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(3600);
        assertThat(body.path("patient").asText()).isEqualTo(patient);
        assertThat(body.path("refresh_token").asText()).isNotBlank();
        assertThat(body.path("scope").asText()).contains("patient/*.read");

        HttpResponse<String> read = client.get(NextGenSandbox.R4_BASE + "Patient/" + patient,
                body.path("access_token").asText());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read).path("id").asText()).isEqualTo(patient);
    }

    @Test
    void aWrongVerifierOrAReusedCodeIsAnInvalidGrant() {
        start();
        Pkce pkce = Pkce.random();
        String code = client.code(patient, pkce);
        HttpResponse<String> wrongVerifier = client.token(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT_URI, "code_verifier", Pkce.random().verifier()));
        assertThat(wrongVerifier.statusCode()).isEqualTo(400);
        assertThat(json(wrongVerifier).path("error").asText()).isEqualTo("invalid_grant");

        String fresh = client.code(patient, pkce);
        Map<String, String> exchange = Map.of("grant_type", "authorization_code", "code", fresh,
                "redirect_uri", REDIRECT_URI, "code_verifier", pkce.verifier());
        assertThat(client.token(exchange).statusCode()).isEqualTo(200);
        HttpResponse<String> reused = client.token(exchange);
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(json(reused).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(sandbox.tokenRequests("authorization_code")).extracting(TokenRequest::error)
                .containsExactly("invalid_grant", null, "invalid_grant");
    }

    @Test
    void aCodeExpiresAfterItsTtl() {
        start();
        Pkce pkce = Pkce.random();
        String code = client.code(patient, pkce);
        clock.advance(Duration.ofSeconds(61));
        HttpResponse<String> late = client.token(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT_URI, "code_verifier", pkce.verifier()));
        assertThat(json(late).path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void deniedConsentRedirectsWithAccessDenied() {
        start();
        Map<String, String> params = client.authorizeParams(Pkce.random());
        params.put("login_hint", patient + ":deny");
        HttpResponse<String> redirect = client.authorize(params);
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirectParams(redirect)).containsEntry("error", "access_denied").containsEntry("state", "st-1")
                .doesNotContainKey("code");
    }

    @Test
    void badClientOrRedirectUriGetsAnErrorPageNotARedirect() {
        start();
        Map<String, String> unknownClient = client.authorizeParams(Pkce.random());
        unknownClient.put("client_id", "someone-else");
        Map<String, String> remoteRedirect = client.authorizeParams(Pkce.random());
        remoteRedirect.put("redirect_uri", "https://attacker.example.com/cb");

        for (Map<String, String> params : java.util.List.of(unknownClient, remoteRedirect)) {
            HttpResponse<String> response = client.authorize(params);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("Location")).isEmpty();
        }
    }

    @Test
    void pkceIsRequired() {
        start();
        Map<String, String> params = client.authorizeParams(Pkce.random());
        params.remove("code_challenge");
        params.put("login_hint", patient);
        HttpResponse<String> redirect = client.authorize(params);
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirectParams(redirect)).containsEntry("error", "invalid_request").doesNotContainKey("code");
    }

    @Test
    void withoutALoginHintThePatientUsesTheLoginForm() {
        start();
        Map<String, String> params = client.authorizeParams(Pkce.random());
        HttpResponse<String> page = client.authorize(params);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\"", "name=\"patient_id\"", "value=\"allow\"",
                "value=\"deny\"", "name=\"code_challenge\"", "<code>" + patient + "</code>");

        params.put("patient_id", "no-such-patient");
        params.put("decision", "allow");
        HttpResponse<String> again = client.postAuthorize(params);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("No patient with that id");

        params.put("patient_id", patient);
        HttpResponse<String> allowed = client.postAuthorize(params);
        assertThat(allowed.statusCode()).isEqualTo(302);
        assertThat(redirectParams(allowed)).containsKey("code").containsEntry("state", "st-1");

        params.put("decision", "deny");
        assertThat(redirectParams(client.postAuthorize(params))).containsEntry("error", "access_denied");
    }

    @Test
    void clientAuthenticationAcceptsFormFieldsAndRejectsAWrongSecret() {
        start();
        HttpResponse<String> form = client.postForm(NextGenSandbox.TOKEN_PATH, Map.of("grant_type",
                "client_credentials", "client_id", "medsync-sandbox", "client_secret", "sandbox-nextgen-secret"),
                Map.of());
        assertThat(form.statusCode()).isEqualTo(200);

        String wrong = Base64.getEncoder().encodeToString("medsync-sandbox:nope".getBytes());
        HttpResponse<String> bad = client.postForm(NextGenSandbox.TOKEN_PATH,
                Map.of("grant_type", "client_credentials"), Map.of("Authorization", "Basic " + wrong));
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(json(bad).path("error").asText()).isEqualTo("invalid_client");

        HttpResponse<String> unsupported = client.token(Map.of("grant_type", "password"));
        assertThat(json(unsupported).path("error").asText()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void refreshRotatesTheRefreshTokenAndRefusesTheOldOne() {
        start();
        JsonNode first = client.consent(patient);
        String oldRefresh = first.path("refresh_token").asText();

        HttpResponse<String> refreshed = client.refresh(oldRefresh);
        assertThat(refreshed.statusCode()).isEqualTo(200);
        JsonNode second = json(refreshed);
        assertThat(second.path("refresh_token").asText()).isNotBlank().isNotEqualTo(oldRefresh);
        assertThat(second.path("access_token").asText()).isNotEqualTo(first.path("access_token").asText());
        assertThat(second.path("patient").asText()).isEqualTo(patient);

        HttpResponse<String> reuse = client.refresh(oldRefresh);
        assertThat(reuse.statusCode()).isEqualTo(400);
        assertThat(json(reuse).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(client.refresh(second.path("refresh_token").asText()).statusCode()).isEqualTo(200);
        assertThat(sandbox.issuedRefreshTokens(patient)).isEqualTo(3);
        assertThat(sandbox.tokenRequests("refresh_token")).extracting(TokenRequest::status)
                .containsExactly(200, 400, 200);
    }

    @Test
    void withoutRotationTheSameRefreshTokenKeepsWorking() {
        start(NextGenSandboxSettings.defaults().withRotateRefreshTokens(false));
        String refresh = client.consent(patient).path("refresh_token").asText();
        JsonNode again = json(client.refresh(refresh));
        assertThat(again.path("refresh_token").asText()).isEqualTo(refresh);
        assertThat(client.refresh(refresh).statusCode()).isEqualTo(200);
        assertThat(sandbox.issuedRefreshTokens(patient)).isEqualTo(1);
    }

    @Test
    void aRefreshTokenDiesFortyEightHoursAfterItWasIssued() {
        start(NextGenSandboxSettings.defaults().withRotateRefreshTokens(false));
        String refresh = client.consent(patient).path("refresh_token").asText();
        clock.advance(Duration.ofHours(47));
        assertThat(client.refresh(refresh).statusCode()).isEqualTo(200);
        // Using it did not extend its life: the limit counts from issue.
        clock.advance(Duration.ofHours(1));
        HttpResponse<String> expired = client.refresh(refresh);
        assertThat(expired.statusCode()).isEqualTo(400);
        assertThat(json(expired).path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void accessTokensExpireWithTheClockOrOnDemand() {
        start();
        String access = client.consent(patient).path("access_token").asText();
        String path = NextGenSandbox.R4_BASE + "Patient/" + patient;
        assertThat(client.get(path, access).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(61));
        assertThat(client.get(path, access).statusCode()).isEqualTo(401);

        String another = client.consent(patient).path("access_token").asText();
        sandbox.expireAccessTokens();
        assertThat(client.get(path, another).statusCode()).isEqualTo(401);
    }

    @Test
    void revokedConsentStopsAccessAndRefresh() {
        start();
        JsonNode tokens = client.consent(patient);
        JsonNode otherTokens = client.consent(otherPatient);
        sandbox.revokeGrantsOf(patient);

        HttpResponse<String> read = client.get(NextGenSandbox.R4_BASE + "Patient/" + patient,
                tokens.path("access_token").asText());
        assertThat(read.statusCode()).isEqualTo(401);
        assertThat(json(read).path("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(json(client.refresh(tokens.path("refresh_token").asText())).path("error").asText())
                .isEqualTo("invalid_grant");
        // Only that patient's grants are gone.
        assertThat(client.refresh(otherTokens.path("refresh_token").asText()).statusCode()).isEqualTo(200);
    }

    @Test
    void theRevocationEndpointRevokesTheWholeGrant() {
        start();
        JsonNode tokens = client.consent(patient);
        HttpResponse<String> revoked = client.postForm(NextGenSandbox.REVOKE_PATH,
                Map.of("token", tokens.path("refresh_token").asText(), "client_id", "medsync-sandbox",
                        "client_secret", "sandbox-nextgen-secret"), Map.of());
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(client.get(NextGenSandbox.R4_BASE + "Patient/" + patient, tokens.path("access_token").asText())
                .statusCode()).isEqualTo(401);
    }

    @Test
    void clientCredentialsReadsEveryPatientWithoutRefreshToken() {
        start();
        JsonNode system = json(client.token(Map.of("grant_type", "client_credentials")));
        assertThat(system.has("refresh_token")).isFalse();
        assertThat(system.has("patient")).isFalse();
        String access = system.path("access_token").asText();
        assertThat(client.get(NextGenSandbox.R4_BASE + "Patient/" + otherPatient, access).statusCode())
                .isEqualTo(200);
        JsonNode all = json(client.get(NextGenSandbox.R4_BASE + "Patient?_maxresults=100", access));
        assertThat(all.path("total").asInt()).isEqualTo(sandbox.patientIds().size());
        assertThat(client.get(NextGenSandbox.DSTU2_BASE + "MedicationOrder?patient=" + otherPatient, access)
                .statusCode()).isEqualTo(200);
    }

    @Test
    void aPatientTokenCannotReadAnotherPatient() {
        start();
        String access = client.consent(patient).path("access_token").asText();
        for (String path : new String[] {NextGenSandbox.R4_BASE + "Patient/" + otherPatient,
                NextGenSandbox.R4_BASE + "MedicationRequest?patient=" + otherPatient,
                NextGenSandbox.DSTU2_BASE + "MedicationOrder?patient=Patient/" + otherPatient,
                NextGenSandbox.R4_BASE + "Patient?_id=" + otherPatient}) {
            HttpResponse<String> response = client.get(path, access);
            assertThat(response.statusCode()).as(path).isEqualTo(403);
            assertThat(json(response).path("resourceType").asText()).isEqualTo("OperationOutcome");
        }
        String practitioner = sandbox.charts().practitioners().get(0).id();
        assertThat(client.get(NextGenSandbox.R4_BASE + "Practitioner/" + practitioner, access).statusCode())
                .isEqualTo(200);
    }

    @Test
    void missingOrUnknownTokensGet401WithAnOperationOutcome() {
        start();
        for (String token : new String[] {null, "not-a-token"}) {
            HttpResponse<String> response = client.get(NextGenSandbox.R4_BASE + "Patient/" + patient, token);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
            assertThat(json(response).path("issue").get(0).path("code").asText()).isEqualTo("login");
        }
        assertThat(client.get(NextGenSandbox.DSTU2_BASE + "Patient/" + patient, null).statusCode()).isEqualTo(401);
    }

    @Test
    void withoutPatientInTheTokenResponseAPatientSearchNamesTheTokensPatient() {
        start(NextGenSandboxSettings.defaults().withIncludePatientInTokenResponse(false));
        JsonNode tokens = client.consent(patient);
        assertThat(tokens.has("patient")).isFalse();
        JsonNode bundle = json(client.get(NextGenSandbox.R4_BASE + "Patient", tokens.path("access_token").asText()));
        assertThat(bundle.path("total").asInt()).isEqualTo(1);
        assertThat(bundle.path("entry").get(0).path("resource").path("id").asText()).isEqualTo(patient);
    }

    @Test
    void discoveryDocumentsNameThisSandboxsEndpoints() {
        start();
        JsonNode smart = json(client.get(NextGenSandbox.R4_BASE + ".well-known/smart-configuration", null));
        assertThat(smart.path("token_endpoint").asText()).isEqualTo(sandbox.baseUrl() + NextGenSandbox.TOKEN_PATH);
        assertThat(smart.path("authorization_endpoint").asText())
                .isEqualTo(sandbox.baseUrl() + NextGenSandbox.AUTHORIZE_PATH);
        assertThat(smart.path("code_challenge_methods_supported").get(0).asText()).isEqualTo("S256");

        HttpResponse<String> metadata = client.get(NextGenSandbox.R4_BASE + "metadata", null);
        assertThat(metadata.statusCode()).isEqualTo(200);
        JsonNode cs = json(metadata);
        assertThat(cs.path("resourceType").asText()).isEqualTo("CapabilityStatement");
        assertThat(metadata.body()).contains(sandbox.baseUrl() + NextGenSandbox.TOKEN_PATH, "SMART-on-FHIR");
        assertThat(client.get(NextGenSandbox.DSTU2_BASE + "metadata", null).statusCode()).isEqualTo(200);
        assertThat(client.get(NextGenSandbox.DSTU2_BASE + NextGenSandbox.SMART_CONFIGURATION, null).statusCode())
                .isEqualTo(200);
    }
}
