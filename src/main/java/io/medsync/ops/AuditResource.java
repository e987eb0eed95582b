package io.medsync.ops;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.medsync.ledger.AuditLog;

/** The audit trail: who acted through the ops API, and who read PHI, newest first. */
@Path("/ops/audit")
@RolesAllowed(OpsRoles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditLog log;

    AuditResource(AuditLog log) {
        this.log = log;
    }

    @GET
    public List<AuditLog.Entry> list(@QueryParam("since") String since, @QueryParam("actor") String actor,
            @QueryParam("limit") @DefaultValue("200") int limit) {
        return log.list(OpsParameters.instant("since", since), actor, Math.min(Math.max(limit, 1), 10000));
    }
}
