package io.medsync.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Every {@code /ops/*} route (found by reflection over the JAX-RS resources, so a new one cannot be forgotten) is in
 * the OpenAPI document with its success answer and its error answers, and needs an ops role.
 */
@QuarkusTest
class OpsOpenApiTest {

    private record Route(String method, String path, Method java) {
    }

    @Test
    void everyOpsRouteIsDocumentedWithItsResponsesAndNeedsARole() {
        List<Route> routes = opsRoutes();
        assertThat(routes).as("ops routes found by reflection").hasSizeGreaterThan(20);
        JsonPath document = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = document.getMap("paths");

        for (Route route : routes) {
            assertThat(paths).as("OpenAPI paths").containsKey(route.path());
            Map<String, Object> operation = paths.get(route.path()).get(route.method());
            assertThat(operation).as("%s %s in the OpenAPI document", route.method(), route.path()).isNotNull();
            @SuppressWarnings("unchecked")
            Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
            assertThat(responses.keySet()).as("responses of %s %s", route.method(), route.path())
                    .contains("401", "403")
                    .anyMatch(status -> status.startsWith("2"));
            assertThat(errorSchemaOf(responses, "401")).as("401 of %s %s", route.method(), route.path())
                    .endsWith("/" + OpsApiDocumentation.ERROR_SCHEMA);
            assertThat(errorSchemaOf(responses, "403")).endsWith("/" + OpsApiDocumentation.ERROR_SCHEMA);
            assertThat(operation).containsKey("security");
            assertThat(route.java().isAnnotationPresent(RolesAllowed.class)
                    || route.java().getDeclaringClass().isAnnotationPresent(RolesAllowed.class))
                    .as("%s %s needs a role (@RolesAllowed)", route.method(), route.path()).isTrue();
        }
        assertThat(document.getMap("components.schemas." + OpsApiDocumentation.ERROR_SCHEMA + ".properties"))
                .containsKeys("error", "message");
    }

    @Test
    void thePublicEndpointsDocumentTheErrorsNoMethodDeclares() {
        JsonPath document = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = document.getMap("paths");

        assertThat(paths.keySet()).as("webhook paths").anyMatch(path -> path.startsWith("/webhooks/"));
        paths.forEach((path, operations) -> {
            if (path.startsWith("/webhooks/")) {
                operations.values().forEach(operation -> assertThat(errorOf(operation, "429"))
                        .as("429 of %s", path).startsWith("rate_limited"));
            }
        });
        Map<String, Object> enrol = paths.get("/nextgen/enrol/{tenant}").get("get");
        assertThat(errorOf(enrol, "429")).startsWith("rate_limited");
        assertThat(errorOf(enrol, "503")).startsWith("consent_capacity");
        assertThat(errorOf(paths.get("/nextgen/callback").get("get"), "400")).contains("state_not_bound");
    }

    /** The documented error answer's description; fails unless it has the one JSON error shape. */
    @SuppressWarnings("unchecked")
    private static String errorOf(Map<String, Object> operation, String status) {
        Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
        assertThat(responses).as("responses").containsKey(status);
        assertThat(errorSchemaOf(responses, status)).endsWith("/" + OpsApiDocumentation.ERROR_SCHEMA);
        return (String) ((Map<String, Object>) responses.get(status)).get("description");
    }

    @Test
    void swaggerUiIsServed() {
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    @SuppressWarnings("unchecked")
    private static String errorSchemaOf(Map<String, Object> responses, String status) {
        Map<String, Object> content = (Map<String, Object>) ((Map<String, Object>) responses.get(status)).get("content");
        Map<String, Object> json = (Map<String, Object>) content.get("application/json");
        return (String) ((Map<String, Object>) json.get("schema")).get("$ref");
    }

    private static List<Route> opsRoutes() {
        List<Route> routes = new ArrayList<>();
        for (JavaClass resource : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.medsync")) {
            if (!resource.isAnnotatedWith(Path.class)) {
                continue;
            }
            Class<?> type = resource.reflect();
            String base = type.getAnnotation(Path.class).value();
            if (!base.startsWith("/ops")) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                String verb = method.isAnnotationPresent(GET.class) ? "get"
                        : method.isAnnotationPresent(POST.class) ? "post"
                        : method.isAnnotationPresent(DELETE.class) ? "delete"
                        : method.isAnnotationPresent(PUT.class) ? "put" : null;
                if (verb != null) {
                    Path sub = method.getAnnotation(Path.class);
                    String path = sub == null ? base : base + (sub.value().startsWith("/") ? "" : "/") + sub.value();
                    routes.add(new Route(verb, path, method));
                }
            }
        }
        return routes;
    }
}
