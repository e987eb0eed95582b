package io.medsync.ops;

import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** The ops API requires {@code Authorization: Bearer <medsync.ops.token>}; anything else is a 401 with a JSON body. */
public class OpsAuthFilter {

    private final Optional<String> token;

    OpsAuthFilter(@ConfigProperty(name = "medsync.ops.token") Optional<String> token) {
        this.token = token.filter(t -> !t.isBlank());
    }

    @ServerRequestFilter
    public Optional<Response> requireBearerToken(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/ops")) {
            return Optional.empty();
        }
        if (token.isEmpty()) {
            return Optional.of(OpsErrors.of(Response.Status.UNAUTHORIZED, "unauthorized",
                    "the ops API is disabled: set medsync.ops.token (MEDSYNC_OPS_TOKEN)"));
        }
        if (!BearerTokens.presents(request, token)) {
            return Optional.of(OpsErrors.of(Response.Status.UNAUTHORIZED, "unauthorized",
                    "a valid bearer token is required"));
        }
        return Optional.empty();
    }
}
