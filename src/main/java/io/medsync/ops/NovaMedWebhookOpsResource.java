package io.medsync.ops;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.medsync.novamed.NovaMedRejectedException;
import io.medsync.novamed.events.NovaMedWebhookRegistrar;
import io.medsync.tenant.Tenant;
import io.medsync.tenant.TenantRegistry;
import io.medsync.web.OpsErrors;

/** {@code GET|DELETE /ops/novamed/webhook?tenant=}: the tenant's NovaMed webhook registration; DELETE removes it. */
@Path("/ops/novamed/webhook")
@RolesAllowed(OpsRoles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
public class NovaMedWebhookOpsResource {

    private final NovaMedWebhookRegistrar registrar;
    private final TenantRegistry tenants;

    NovaMedWebhookOpsResource(NovaMedWebhookRegistrar registrar, TenantRegistry tenants) {
        this.registrar = registrar;
        this.tenants = tenants;
    }

    @GET
    public Response show(@QueryParam("tenant") String tenantId) {
        return registrar.find(tenant(tenantId)).map(r -> Response.ok(view(r, "registered")).build())
                .orElseGet(() -> notRegistered(tenantId));
    }

    @RolesAllowed(OpsRoles.OPERATOR)
    @DELETE
    @Audited("novamed-webhook.unregister")
    public Response unregister(@QueryParam("tenant") String tenantId) {
        Tenant tenant = tenant(tenantId);
        try {
            return registrar.unregister(tenant).map(r -> Response.ok(view(r, "unregistered")).build())
                    .orElseGet(() -> notRegistered(tenantId));
        } catch (NovaMedRejectedException e) {
            return OpsErrors.of(Response.Status.BAD_GATEWAY, "novamed_error", e.getMessage());
        }
    }

    private Tenant tenant(String tenantId) {
        if (tenantId == null || tenantId.isBlank()) {
            throw new IllegalArgumentException("query parameter tenant is required");
        }
        return tenants.get(tenantId);
    }

    private static Map<String, String> view(NovaMedWebhookRegistrar.Registration r, String status) {
        return Map.of("tenant", r.tenantId(), "clinic_id", r.clinicId(), "webhook_url", r.url(), "webhook_id",
                r.webhookId(), "status", status);
    }

    private static Response notRegistered(String tenantId) {
        return OpsErrors.of(Response.Status.NOT_FOUND, "not_registered",
                "no NovaMed webhook is registered for tenant " + tenantId);
    }
}
