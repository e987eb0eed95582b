package io.medsync.heidi;

import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.medsync.ops.BearerTokens;
import io.medsync.ops.OpsErrors;

/**
 * {@code /heidi/*} requires {@code Authorization: Bearer <medsync.heidi.frontend-token>} (the EHR front ends) or the
 * ops token; anything else is a 401 with a JSON body, before Heidi is called.
 */
public class HeidiAuthFilter {

    private final Optional<String> frontendToken;
    private final Optional<String> opsToken;

    HeidiAuthFilter(HeidiSettings settings, @ConfigProperty(name = "medsync.ops.token") Optional<String> opsToken) {
        this.frontendToken = settings.frontendToken().filter(t -> !t.isBlank());
        this.opsToken = opsToken.filter(t -> !t.isBlank());
    }

    @ServerRequestFilter
    public Optional<Response> requireBearerToken(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.equals("/heidi") && !path.startsWith("/heidi/")) {
            return Optional.empty();
        }
        if (frontendToken.isEmpty() && opsToken.isEmpty()) {
            return Optional.of(OpsErrors.of(Response.Status.UNAUTHORIZED, "unauthorized",
                    "the Heidi broker is disabled: set medsync.heidi.frontend-token (MEDSYNC_HEIDI_FRONTEND_TOKEN)"));
        }
        // Both are checked, so the time taken does not tell which of the two tokens a guess was closer to.
        boolean frontend = BearerTokens.presents(request, frontendToken);
        boolean ops = BearerTokens.presents(request, opsToken);
        if (!frontend && !ops) {
            return Optional.of(OpsErrors.of(Response.Status.UNAUTHORIZED, "unauthorized",
                    "a valid bearer token is required"));
        }
        return Optional.empty();
    }
}
