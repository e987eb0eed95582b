package io.medsync.web;

import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.medsync.tenant.UnknownTenantException;

/**
 * Every error an endpoint of ours answers (ops API, webhooks) is JSON: {@code {"error": "<code>", "message": "<what
 * to do>"}}, never a stack trace.
 */
public class OpsErrors {

    public static Response of(Response.Status status, String error, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", error, "message", message)).build();
    }

    @ServerExceptionMapper
    public Response badRequest(IllegalArgumentException e) {
        return of(Response.Status.BAD_REQUEST, "bad_request", e.getMessage());
    }

    @ServerExceptionMapper
    public Response conflict(IllegalStateException e) {
        return of(Response.Status.CONFLICT, "conflict", e.getMessage());
    }

    @ServerExceptionMapper
    public Response unknownTenant(UnknownTenantException e) {
        return of(Response.Status.NOT_FOUND, "unknown_tenant", e.getMessage());
    }
}
