package io.medsync.nextgen;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.medsync.http.CallPolicy;
import io.medsync.http.CallResult;
import io.medsync.http.OutboundCaller;
import io.medsync.http.PartnerRequest;
import io.medsync.http.RateLimitHints;
import io.medsync.tenant.NextGenSource;
import io.medsync.tenant.Tenant;

/**
 * Reads from a tenant's FHIR server (NextGen or any R4/DSTU2 server) with the credentials its mode needs: the
 * patient's own token (refreshed once on a 401), the tenant's client_credentials token, or none. Bodies are
 * returned for the readers, never logged. Paging links are only followed on the configured server, so a bearer
 * token never goes to another host.
 */
@ApplicationScoped
public class NextGenFhirClient {

    private static final String FHIR_JSON = "application/fhir+json";

    private final OutboundCaller caller;
    private final NextGenTokenVault vault;
    private final ObjectMapper json;

    NextGenFhirClient(OutboundCaller caller, NextGenTokenVault vault, ObjectMapper json) {
        this.caller = caller;
        this.vault = vault;
        this.json = json;
    }

    /**
     * A search or paging link. {@code patientId} is the consenting patient whose token is used (ignored in the
     * other modes). @throws NeedsReconsentException, NextGenException
     */
    public String search(Tenant tenant, String patientId, String pathOrUrl) {
        CallResult result = get(tenant, patientId, pathOrUrl);
        if (!result.succeeded()) {
            throw failure(pathOrUrl, result);
        }
        return result.body();
    }

    /** One resource by {@code Type/id}; empty when the server has no such resource (404/410). */
    public Optional<String> read(Tenant tenant, String patientId, String typeAndId) {
        CallResult result = get(tenant, patientId, typeAndId);
        if (result.status() == 404 || result.status() == 410) {
            return Optional.empty();
        }
        if (!result.succeeded()) {
            throw failure(typeAndId, result);
        }
        return Optional.of(result.body());
    }

    /** The one Patient a fresh patient token can read: how the consent flow learns the id when the token omits it. */
    public String patientOfToken(NextGenSource source, String accessToken) {
        CallResult result = caller.call("nextgen GET Patient (consent)", () -> request(source.base() + "Patient")
                .authorizedBy(new PartnerRequest.Bearer(accessToken)), readPolicy(() -> {
                }));
        if (!result.succeeded()) {
            return null;
        }
        try {
            JsonNode entries = json.readTree(result.body()).path("entry");
            String id = null;
            for (JsonNode entry : entries) {
                JsonNode resource = entry.path("resource");
                if ("Patient".equals(resource.path("resourceType").asText())) {
                    if (id != null) {
                        return null; // more than one: not a patient-scoped token
                    }
                    id = resource.path("id").asText(null);
                }
            }
            return id;
        } catch (IOException e) {
            return null;
        }
    }

    private CallResult get(Tenant tenant, String patientId, String pathOrUrl) {
        NextGenSource source = tenant.nextGen().orElseThrow(() -> new IllegalStateException(
                "tenant " + tenant.id() + " has no NextGen source"));
        String url = resolve(source, pathOrUrl);
        String target = "nextgen GET " + pathOf(pathOrUrl) + " tenant=" + tenant.id();
        AtomicReference<String> used = new AtomicReference<>();
        return caller.call(target, () -> {
            switch (source.auth()) {
                case PATIENT_CONSENT -> used.set(vault.accessToken(tenant, patientId));
                case CLIENT_CREDENTIALS -> used.set(vault.systemToken(tenant));
                case NONE -> used.set(null);
            }
            return used.get() == null ? request(url) : request(url).authorizedBy(new PartnerRequest.Bearer(used.get()));
        }, readPolicy(() -> {
            switch (source.auth()) {
                case PATIENT_CONSENT -> vault.rejected(tenant, patientId, used.get());
                case CLIENT_CREDENTIALS -> vault.systemTokenRejected(tenant, used.get());
                case NONE -> {
                }
            }
        }));
    }

    private static PartnerRequest request(String url) {
        return PartnerRequest.get(url).header("Accept", FHIR_JSON);
    }

    private static CallPolicy readPolicy(Runnable onUnauthorized) {
        return new CallPolicy(true, RateLimitHints.NONE, onUnauthorized);
    }

    /** Relative paths hang off the FHIR base; absolute links must stay on the FHIR server's origin. */
    static String resolve(NextGenSource source, String pathOrUrl) {
        if (!pathOrUrl.startsWith("http://") && !pathOrUrl.startsWith("https://")) {
            return source.base() + pathOrUrl;
        }
        URI base = URI.create(source.base());
        URI link = URI.create(pathOrUrl);
        if (!base.getScheme().equals(link.getScheme()) || !base.getHost().equalsIgnoreCase(link.getHost())
                || base.getPort() != link.getPort()) {
            throw new NextGenException("the FHIR server sent a paging link to another host; not followed", 0);
        }
        return pathOrUrl;
    }

    /** For logs: the resource path without the query (which can carry search values). */
    private static String pathOf(String pathOrUrl) {
        String path = pathOrUrl.startsWith("http") ? URI.create(pathOrUrl).getPath() : pathOrUrl;
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private static NextGenException failure(String pathOrUrl, CallResult result) {
        String what = switch (result.outcome()) {
            case UNAUTHORIZED -> "refused the token (HTTP 401)";
            case REJECTED -> "rejected the request (HTTP " + result.status() + ")";
            case RATE_LIMITED -> "kept rate-limiting (HTTP 429)";
            case SERVER_ERROR -> "failed (HTTP " + result.status() + ") after " + result.attempts() + " attempt(s)";
            default -> "was unreachable (" + result.failure() + ") after " + result.attempts() + " attempt(s)";
        };
        return new NextGenException("NextGen GET " + pathOf(pathOrUrl) + " " + what, result.status());
    }
}
