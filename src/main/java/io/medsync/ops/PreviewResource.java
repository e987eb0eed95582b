package io.medsync.ops;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /ops/preview}: the NovaMed payloads medsync would send for a NexHealth or FHIR document, or what is
 * wrong with it. No side effect: nothing is stored, sent or read from a source.
 */
@Path("/ops/preview")
@RolesAllowed(OpsRoles.VIEWER)
public class PreviewResource {

    private final MappingPreview preview;

    PreviewResource(MappingPreview preview) {
        this.preview = preview;
    }

    @RolesAllowed(OpsRoles.OPERATOR)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Audited("preview")
    public PreviewResult preview(PreviewRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("a JSON body with tenant, source and document is required");
        }
        return preview.preview(request);
    }
}
