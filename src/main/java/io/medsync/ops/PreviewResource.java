package io.medsync.ops;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.medsync.web.ClientErrors;

/**
 * {@code POST /ops/preview}: the NovaMed payloads medsync would send for a NexHealth or FHIR document, or what is
 * wrong with it. No side effect: nothing is stored, sent or read from a source.
 */
@Path("/ops/preview")
@RolesAllowed(OpsRoles.VIEWER)
public class PreviewResource {

    private final MappingPreview preview;
    private final ObjectMapper json;

    PreviewResource(MappingPreview preview, ObjectMapper json) {
        this.preview = preview;
        this.json = json;
    }

    @RolesAllowed(OpsRoles.OPERATOR)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Audited("preview")
    public PreviewResult preview(String body) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("a JSON body with tenant, source and document is required");
        }
        return preview.preview(request(body));
    }

    /**
     * The request, read here so that a body that is not JSON gets a 400 naming where it breaks. Only the position:
     * the parser's own message quotes the offending text, which may be PHI.
     */
    private PreviewRequest request(String body) throws JsonProcessingException {
        PreviewRequest request;
        try {
            request = json.treeToValue(json.readTree(body), PreviewRequest.class);
        } catch (JsonProcessingException e) {
            if (ClientErrors.exceedsJsonLimits(e)) {
                throw e; // nesting or duplicate keys: answered like every other endpoint's body
            }
            // readTree fails on syntax (JsonParseException), treeToValue on a body of the wrong shape.
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException((e instanceof JsonParseException ? "the body is not valid JSON"
                    : "the body is not a preview request") + (at == null ? ""
                            : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        if (request == null) {
            throw new IllegalArgumentException("a JSON body with tenant, source and document is required");
        }
        return request;
    }
}
