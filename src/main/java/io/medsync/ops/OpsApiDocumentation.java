package io.medsync.ops;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Completes the generated OpenAPI document for the ops API: the bearer-token scheme, and on every {@code /ops/*}
 * operation the error answers it can give, all in the one JSON error shape ({@code web/OpsErrors}). Written once
 * here instead of a dozen annotations on every method.
 */
public class OpsApiDocumentation implements OASFilter {

    static final String SCHEME = "ops-token";
    static final String ERROR_SCHEMA = "OpsError";

    private static final Map<String, String> ERRORS = Map.of(
            "400", "A parameter or body is malformed; the message says which and what is expected",
            "401", "No bearer token, or one no configured operator holds",
            "403", "The operator's role does not allow this (a viewer acting, or reading a payload)",
            "404", "No such tenant, record or dead letter",
            "409", "The request conflicts with the current state (e.g. a sync is already running)");

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(OASFactory.createComponents());
        }
        api.getComponents().addSecurityScheme(SCHEME, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("An ops token: medsync.ops.operators.<name>.token-hash holds its SHA-256"));
        api.getComponents().addSchema(ERROR_SCHEMA, OASFactory.createSchema()
                .type(List.of(Schema.SchemaType.OBJECT))
                .description("Every error of the ops API")
                .addProperty("error", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("A stable code, e.g. unauthorized, forbidden, not_found, conflict, bad_request"))
                .addProperty("message", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("What went wrong and what to do, for a person"))
                .required(List.of("error", "message")));
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        api.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/ops")) {
                document(item);
            }
        });
    }

    private static void document(PathItem item) {
        for (Operation operation : item.getOperations().values()) {
            operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(SCHEME));
            if (operation.getResponses() == null) {
                operation.setResponses(OASFactory.createAPIResponses());
            }
            APIResponses responses = operation.getResponses();
            // Quarkus already adds a bare 401/403 to secured operations: those get the body they really have.
            ERRORS.forEach((status, description) -> {
                APIResponse response = responses.getAPIResponse(status);
                if (response == null) {
                    response = OASFactory.createAPIResponse();
                    responses.addAPIResponse(status, response);
                }
                if (response.getContent() == null) {
                    response.description(description).content(OASFactory.createContent().addMediaType(
                            "application/json", OASFactory.createMediaType().schema(OASFactory.createSchema()
                                    .ref(ERROR_SCHEMA))));
                }
            });
        }
    }
}
