package io.medsync.nextgen;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.medsync.crypto.PayloadCipher;
import io.medsync.tenant.NextGenSource;
import io.medsync.tenant.Tenant;
import io.medsync.tenant.TenantRegistry;
import io.medsync.web.OpsErrors;

/**
 * The patient-facing consent flow (authorization code + PKCE S256 + state). {@code GET /nextgen/enrol/{tenant}}
 * sends the patient's browser to NextGen's authorize page; NextGen sends it back to {@code GET /nextgen/callback},
 * which exchanges the code, learns the patient id and stores the grant. A flow that fails stores nothing.
 */
@Path("/nextgen")
@Produces(MediaType.APPLICATION_JSON)
public class NextGenConsentResource {

    private static final Logger LOG = Logger.getLogger(NextGenConsentResource.class);
    private static final String VERIFIER_CONTEXT = "nextgen-consent/";
    /** Flows under way expire within the consent timeout; a minute frees some of them. */
    private static final int CAPACITY_RETRY_AFTER_SECONDS = 60;

    private final TenantRegistry tenants;
    private final EnrolmentStore store;
    private final PayloadCipher cipher;
    private final NextGenAuthServer authServer;
    private final NextGenTokenVault vault;
    private final NextGenFhirClient fhir;
    private final NextGenSettings settings;

    NextGenConsentResource(TenantRegistry tenants, EnrolmentStore store, PayloadCipher cipher,
            NextGenAuthServer authServer, NextGenTokenVault vault, NextGenFhirClient fhir, NextGenSettings settings) {
        this.tenants = tenants;
        this.store = store;
        this.cipher = cipher;
        this.authServer = authServer;
        this.vault = vault;
        this.fhir = fhir;
        this.settings = settings;
    }

    @GET
    @Path("/enrol/{tenant}")
    public Response enrol(@PathParam("tenant") String tenantId, @QueryParam("login_hint") String loginHint) {
        Tenant tenant = tenants.get(tenantId);
        Optional<NextGenSource> source = tenant.nextGen()
                .filter(s -> s.auth() == NextGenSource.Auth.PATIENT_CONSENT);
        if (source.isEmpty()) {
            return OpsErrors.of(Response.Status.NOT_FOUND, "no_patient_consent",
                    "tenant " + tenantId + " does not read NextGen with patient consent");
        }
        NextGenSource.OAuthClient client = source.get().oauth().orElseThrow();
        PkceChallenge pkce = PkceChallenge.create();
        BrowserBinding browser = BrowserBinding.create();
        Instant now = authServer.now();
        if (!store.savePending(pkce.state(), tenantId, cipher.sealString(pkce.verifier(),
                VERIFIER_CONTEXT + pkce.state()), browser.hash(), now, now.plus(settings.consentTimeout()),
                settings.maxPendingConsents())) {
            LOG.warnf("tenant %s: %d consent flows under way (the cap): an enrol was refused", tenantId,
                    settings.maxPendingConsents());
            return Response.fromResponse(OpsErrors.of(Response.Status.SERVICE_UNAVAILABLE, "consent_capacity",
                    "too many consent flows are under way for this practice: try again in a minute"))
                    .header(HttpHeaders.RETRY_AFTER, CAPACITY_RETRY_AFTER_SECONDS).build();
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", client.clientId());
        query.put("redirect_uri", client.redirectUri());
        query.put("scope", client.scope());
        query.put("state", pkce.state());
        query.put("aud", source.get().fhirBaseUrl());
        query.put("code_challenge", pkce.challenge());
        query.put("code_challenge_method", "S256");
        if (loginHint != null && !loginHint.isBlank()) {
            query.put("login_hint", loginHint);
        }
        String separator = client.authorizeUrl().contains("?") ? "&" : "?";
        return Response.seeOther(URI.create(client.authorizeUrl() + separator + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"))))
                .cookie(browser.cookie(client.redirectUri(), settings.consentTimeout())).build();
    }

    @GET
    @Path("/callback")
    public Response callback(@QueryParam("code") String code, @QueryParam("state") String state,
            @QueryParam("error") String error, @CookieParam(BrowserBinding.COOKIE) String browserCookie) {
        if (state == null || state.isBlank()) {
            return OpsErrors.of(Response.Status.BAD_REQUEST, "missing_state",
                    "the callback carries no state: start again from the enrol link");
        }
        Instant now = authServer.now();
        Optional<EnrolmentStore.PendingConsent> pending = store.takePending(state, now);
        if (pending.isEmpty() || pending.get().expiresAt().isBefore(now)) {
            return OpsErrors.of(Response.Status.BAD_REQUEST, "unknown_state",
                    "this consent link is unknown, used or expired: start again from the enrol link");
        }
        if (!BrowserBinding.matches(browserCookie, pending.get().browserHash())) {
            LOG.warnf("tenant %s: a consent callback came without its browser's cookie: refused",
                    pending.get().tenantId());
            return OpsErrors.of(Response.Status.BAD_REQUEST, "state_not_bound", "this consent was started in another"
                    + " browser, or its cookie was blocked: start again from the enrol link, in this browser");
        }
        Tenant tenant = tenants.get(pending.get().tenantId());
        if (error != null && !error.isBlank()) {
            LOG.infof("tenant %s: a NextGen consent ended without a grant (%s)", tenant.id(), safeCode(error));
            return OpsErrors.of("access_denied".equals(error) ? Response.Status.FORBIDDEN : Response.Status.BAD_REQUEST,
                    "consent_" + safeCode(error), "NextGen did not grant access (" + safeCode(error)
                            + "): nothing was stored; the patient can start again from the enrol link");
        }
        if (code == null || code.isBlank()) {
            return OpsErrors.of(Response.Status.BAD_REQUEST, "missing_code", "the callback carries no code");
        }
        NextGenSource source = tenant.nextGen().orElseThrow();
        String verifier = cipher.openString(pending.get().verifier().keyId(), pending.get().verifier().ciphertext(),
                VERIFIER_CONTEXT + state);
        TokenGrant grant;
        try {
            grant = authServer.exchangeCode(source.oauth().orElseThrow(), code, verifier);
        } catch (GrantRefusedException e) {
            return OpsErrors.of(Response.Status.BAD_REQUEST, "code_rejected",
                    "NextGen refused the authorization code (expired or already used): start again from the enrol link");
        } catch (NextGenException e) {
            LOG.warnf("tenant %s: NextGen code exchange failed: %s", tenant.id(), e.getMessage());
            return OpsErrors.of(Response.Status.BAD_GATEWAY, "nextgen_unavailable",
                    "NextGen's token endpoint failed; nothing was stored: try again later");
        }
        String patientId = grant.patientId();
        if (patientId == null) {
            patientId = fhir.patientOfToken(source, grant.accessToken());
        }
        if (patientId == null) {
            return OpsErrors.of(Response.Status.BAD_GATEWAY, "patient_unknown",
                    "NextGen granted access but named no patient, and the Patient search returned none");
        }
        vault.enrol(tenant, patientId, grant);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", "enrolled");
        body.put("tenant", tenant.id());
        body.put("patient_id", patientId);
        return Response.ok(body).cookie(BrowserBinding.cleared(source.oauth().orElseThrow().redirectUri())).build();
    }

    /** OAuth error codes are [a-z_]; anything else a caller put in the URL is not echoed back. */
    private static String safeCode(String error) {
        return error.matches("[a-z_]{1,40}") ? error : "error";
    }
}
