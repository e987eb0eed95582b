package io.medsync.ops;

import java.security.Principal;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import io.medsync.ledger.AuditLog;

/**
 * Writes the audit trail: every ops request that acts (anything but GET) and every PHI read
 * ({@code include_payload=true}), allowed or denied, with who, what, which records and the outcome.
 */
public class AuditFilter {

    private static final Logger LOG = Logger.getLogger(AuditFilter.class);
    static final String PHI_PARAMETER = "include_payload";

    private final AuditLog log;
    private final AuditedKeys keys;

    AuditFilter(AuditLog log, AuditedKeys keys) {
        this.log = log;
        this.keys = keys;
    }

    @ServerResponseFilter
    public void audit(ContainerRequestContext request, ContainerResponseContext response, SimpleResourceInfo info) {
        String path = request.getUriInfo().getPath();
        boolean phiRead = "true".equalsIgnoreCase(request.getUriInfo().getQueryParameters().getFirst(PHI_PARAMETER));
        if (!path.startsWith("/ops") || ("GET".equals(request.getMethod()) && !phiRead)) {
            return;
        }
        Principal who = request.getSecurityContext().getUserPrincipal();
        String role = who == null ? "none"
                : request.getSecurityContext().isUserInRole(OpsRoles.OPERATOR) ? OpsRoles.OPERATOR : OpsRoles.VIEWER;
        String action = actionOf(info) + (phiRead ? " (payload read)" : "");
        try {
            log.record(who == null ? "anonymous" : who.getName(), role, action, request.getMethod() + " " + path,
                    keys.keys(), response.getStatus());
        } catch (RuntimeException e) {
            // The action has happened; a lost audit row is reported loudly rather than turned into a failed answer.
            LOG.errorf("audit entry for %s %s by %s not written: %s", request.getMethod(), path,
                    who == null ? "anonymous" : who.getName(), e.getClass().getSimpleName());
        }
    }

    private static String actionOf(SimpleResourceInfo info) {
        if (info == null || info.getResourceClass() == null) {
            return "unknown";
        }
        try {
            Audited audited = info.getResourceClass().getMethod(info.getMethodName(), info.parameterTypes())
                    .getAnnotation(Audited.class);
            if (audited != null) {
                return audited.value();
            }
        } catch (NoSuchMethodException e) {
            // fall through to the method's name
        }
        return info.getResourceClass().getSimpleName() + "." + info.getMethodName();
    }
}
