package io.medsync.ops;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.medsync.nextgen.Enrolment;
import io.medsync.nextgen.EnrolmentState;
import io.medsync.nextgen.EnrolmentStore;
import io.medsync.tenant.TenantRegistry;

/** {@code GET /ops/nextgen/enrolments?tenant=&state=active|needs_reconsent}: who granted access, and who must again. */
@Path("/ops/nextgen/enrolments")
@RolesAllowed(OpsRoles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
public class EnrolmentResource {

    private final EnrolmentStore store;
    private final TenantRegistry tenants;

    EnrolmentResource(EnrolmentStore store, TenantRegistry tenants) {
        this.store = store;
        this.tenants = tenants;
    }

    @GET
    public List<Enrolment> list(@QueryParam("tenant") String tenant, @QueryParam("state") String state) {
        if (tenant != null) {
            tenants.get(tenant);
        }
        EnrolmentState wanted = null;
        if (state != null) {
            try {
                wanted = EnrolmentState.valueOf(state.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("state must be active or needs_reconsent");
            }
        }
        return store.list(tenant, wanted);
    }
}
