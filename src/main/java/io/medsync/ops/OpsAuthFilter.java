package io.medsync.ops;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.medsync.web.BearerTokenGate;

/** The ops API requires {@code Authorization: Bearer <medsync.ops.token>}; anything else is a 401 with a JSON body. */
public class OpsAuthFilter {

    private final BearerTokenGate gate;

    OpsAuthFilter(@ConfigProperty(name = "medsync.ops.token") Optional<String> token) {
        this.gate = new BearerTokenGate(path -> path.startsWith("/ops"),
                "the ops API is disabled: set medsync.ops.token (MEDSYNC_OPS_TOKEN)", List.of(token));
    }

    @ServerRequestFilter
    public Optional<Response> requireBearerToken(ContainerRequestContext request) {
        return gate.check(request);
    }
}
