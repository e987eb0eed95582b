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
 * operation the error answers it can give, all in the one JSON error shape ({@code web/OpsErrors}); likewise the
 * errors of the public endpoints (webhooks, NextGen consent) that no method declares. Written once here instead of
 * a dozen annotations on every method.
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

    private static final String RATE_LIMITED = "rate_limited: too many requests from this client address; retry after"
            + " the Retry-After header's seconds";

    /**
     * The endpoints anyone can reach answer errors their methods do not declare: the per-client rate limit in front
     * of them ({@code web/PublicRateLimits}), the consent-flow cap and the browser binding of a consent callback.
     */
    private static final Map<String, Map<String, String>> PUBLIC_ERRORS = Map.of(
            "/webhooks/", Map.of("429", RATE_LIMITED),
            "/nextgen/enrol/", Map.of("429", RATE_LIMITED,
                    "503", "consent_capacity: too many consent flows are under way for this practice; retry after"
                            + " the Retry-After header's seconds"),
            "/nextgen/callback", Map.of("400", "missing_state, unknown_state (used or expired) or state_not_bound"
                    + " (started in another browser, or its cookie was blocked): start again from the enrol link"));

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
                        .description("A stable code, e.g. unauthorized, forbidden, not_found, conflict, bad_request,"
                                + " rate_limited, consent_capacity, state_not_bound"))
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
            PUBLIC_ERRORS.forEach((prefix, errors) -> {
                if (path.startsWith(prefix)) {
                    errors.forEach((status, description) -> documentError(item, status, description));
                }
            });
        });
    }

    private static void documentError(PathItem item, String status, String description) {
        for (Operation operation : item.getOperations().values()) {
            if (operation.getResponses() == null) {
                operation.setResponses(OASFactory.createAPIResponses());
            }
            operation.getResponses().addAPIResponse(status, errorResponse(description));
        }
    }

    private static APIResponse errorResponse(String description) {
        return OASFactory.createAPIResponse().description(description).content(OASFactory.createContent()
                .addMediaType("application/json", OASFactory.createMediaType().schema(OASFactory.createSchema()
                        .ref(ERROR_SCHEMA))));
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
                    response.description(description).content(errorResponse(description).getContent());
                }
            });
        }
    }
}
