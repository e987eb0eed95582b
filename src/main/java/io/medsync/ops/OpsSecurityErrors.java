package io.medsync.ops;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.medsync.web.OpsErrors;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** The ops API's 401 and 403 in the one JSON error shape ({@link OpsErrors}), never an empty body. */
public class OpsSecurityErrors {

    private final OpsOperators operators;

    OpsSecurityErrors(OpsOperators operators) {
        this.operators = operators;
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return OpsErrors.of(Response.Status.UNAUTHORIZED, "unauthorized", operators.anyConfigured()
                ? "a valid bearer token is required"
                : "the ops API is disabled: set medsync.ops.token (MEDSYNC_OPS_TOKEN) or medsync.ops.operators");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return OpsErrors.of(Response.Status.FORBIDDEN, "forbidden",
                "this needs the operator role; your token has the viewer role");
    }
}
