package io.medsync.heidi;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.medsync.web.BearerTokenGate;

/**
 * {@code /heidi/*} requires {@code Authorization: Bearer <medsync.heidi.frontend-token>} (the EHR front ends) or the
 * ops token; anything else is a 401 with a JSON body, before Heidi is called.
 */
public class HeidiAuthFilter {

    private final BearerTokenGate gate;

    HeidiAuthFilter(HeidiSettings settings, @ConfigProperty(name = "medsync.ops.token") Optional<String> opsToken) {
        this.gate = new BearerTokenGate(path -> path.equals("/heidi") || path.startsWith("/heidi/"),
                "the Heidi broker is disabled: set medsync.heidi.frontend-token (MEDSYNC_HEIDI_FRONTEND_TOKEN)",
                List.of(settings.frontendToken(), opsToken));
    }

    @ServerRequestFilter
    public Optional<Response> requireBearerToken(ContainerRequestContext request) {
        return gate.check(request);
    }
}
