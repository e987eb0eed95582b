package io.medsync.contract;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;

/**
 * OpenAPI contract checks for tests, backed by swagger-request-validator and the vendor specs in the contracts
 * directory (system property {@code medsync.contracts.dir}, default {@code ../shared/contracts} relative to the
 * working directory, which Maven sets to the project root).
 *
 * <p>Typical use:
 * <pre>{@code
 * ContractValidators.assertValidNovaMedRequest("POST", "/api/external/patient", json);
 * ContractValidators.assertValidNexHealthResponse("GET", "/patients?subdomain=x&location_id=1", 200,
 *         "application/json", body);
 * }</pre>
 * Each {@code assert*} method fails the test with the validator's report; the {@code validate*} methods return the
 * report for tests that expect violations. Validators are built once per JVM (the NexHealth spec is large).
 *
 * <p>Classpath note: quarkus-camel-bom excludes {@code io.swagger.core.v3:swagger-core}/{@code swagger-models} from
 * swagger-parser, so the validator needs {@code io.swagger.core.v3:swagger-core-jakarta} (BOM-managed) as a test
 * dependency; without it the first call fails with {@code NoClassDefFoundError: io/swagger/v3/core/util/Yaml}.
 */
public final class ContractValidators {

    public static final String NEXHEALTH_SPEC = "nexhealth-synchronizer-openapi-v20240412.json";
    public static final String NOVAMED_SPEC = "novamed-partner-openapi.yaml";
    /** NovaMed's older spec, whose flat {@code POST /api/external/medication-request} some clinics still take. */
    public static final String NOVAMED_LEGACY_SPEC = "novamed-partner-openapi-legacy-2025-12-19.yaml";

    private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();

    private ContractValidators() {
    }

    /** Where the vendor specs are read from. */
    public static Path contractsDir() {
        return Path.of(System.getProperty("medsync.contracts.dir", "../shared/contracts")).toAbsolutePath()
                .normalize();
    }

    /** Validator for the NexHealth Synchronizer API v20240412 spec (OpenAPI 3.0.0). */
    public static OpenApiInteractionValidator nexHealth() {
        return validator(NEXHEALTH_SPEC);
    }

    /**
     * Validator for the NovaMed Partner API spec. The file says {@code openapi: 3.1.0} but uses 3.0 keywords
     * ({@code nullable}); swagger-request-validator 2.44.1 (swagger-parser 2.1.31) reads it correctly as is:
     * nullable fields accept null and minLength/uuid/required are enforced (pinned by ContractValidatorsTest), so the
     * file is loaded unchanged.
     */
    public static OpenApiInteractionValidator novaMed() {
        return validator(NOVAMED_SPEC);
    }

    /** Validator for NovaMed's legacy spec (shape A medication requests). */
    public static OpenApiInteractionValidator novaMedLegacy() {
        return validator(NOVAMED_LEGACY_SPEC);
    }

    private static OpenApiInteractionValidator validator(String specFile) {
        return VALIDATORS.computeIfAbsent(specFile, f -> build(read(f)));
    }

    // ---- NovaMed --------------------------------------------------------------------------------------------------

    /** Validates a JSON request body sent to NovaMed (an {@code x-api-key} header is assumed present). */
    public static ValidationReport validateNovaMedRequest(String method, String path, String jsonBody) {
        return validateRequest(novaMed(), method, path, jsonBody);
    }

    public static void assertValidNovaMedRequest(String method, String path, String jsonBody) {
        assertNoErrors("NovaMed request " + method + " " + path, validateNovaMedRequest(method, path, jsonBody));
    }

    /** Validates a JSON request body against NovaMed's legacy spec. */
    public static ValidationReport validateNovaMedLegacyRequest(String method, String path, String jsonBody) {
        return validateRequest(novaMedLegacy(), method, path, jsonBody);
    }

    public static void assertValidNovaMedLegacyRequest(String method, String path, String jsonBody) {
        assertNoErrors("NovaMed (legacy spec) request " + method + " " + path,
                validateNovaMedLegacyRequest(method, path, jsonBody));
    }

    private static ValidationReport validateRequest(OpenApiInteractionValidator validator, String method,
            String path, String jsonBody) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, path)
                .withHeader("x-api-key", "contract-check")
                .withAccept("application/json");
        if (jsonBody != null) {
            request.withContentType("application/json").withBody(jsonBody);
        }
        return validator.validateRequest(request.build());
    }

    /** Validates a NovaMed response for the operation at {@code method path}. */
    public static ValidationReport validateNovaMedResponse(String method, String path, int status, String jsonBody) {
        return novaMed().validateResponse(path, Request.Method.valueOf(method.toUpperCase()),
                response(status, "application/json", jsonBody));
    }

    public static void assertValidNovaMedResponse(String method, String path, int status, String jsonBody) {
        assertNoErrors("NovaMed response " + status + " to " + method + " " + path,
                validateNovaMedResponse(method, path, status, jsonBody));
    }

    // ---- NexHealth ------------------------------------------------------------------------------------------------

    /**
     * Validates a NexHealth response. {@code pathWithQuery} may carry the query string (it is ignored for response
     * matching); {@code contentType} must be the one the spec declares for that status (application/json for the
     * list endpoints, {@code application/vnd.Nexhealth+json;version=2} for /authenticates).
     */
    public static ValidationReport validateNexHealthResponse(String method, String pathWithQuery, int status,
            String contentType, String jsonBody) {
        String path = URI.create(pathWithQuery).getPath();
        return nexHealth().validateResponse(path, Request.Method.valueOf(method.toUpperCase()),
                response(status, contentType, jsonBody));
    }

    public static void assertValidNexHealthResponse(String method, String pathWithQuery, int status,
            String contentType, String jsonBody) {
        assertNoErrors("NexHealth response " + status + " to " + method + " " + pathWithQuery,
                validateNexHealthResponse(method, pathWithQuery, status, contentType, jsonBody));
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static SimpleResponse response(int status, String contentType, String body) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        if (contentType != null) {
            response.withContentType(contentType);
        }
        if (body != null) {
            response.withBody(body);
        }
        return response.build();
    }

    private static void assertNoErrors(String what, ValidationReport report) {
        if (report.hasErrors()) {
            fail(what + " violates the contract:\n" + SimpleValidationReportFormat.getInstance().apply(report));
        }
    }

    private static OpenApiInteractionValidator build(String spec) {
        try {
            return OpenApiInteractionValidator.createForInlineApiSpecification(spec).build();
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("swagger-request-validator is missing swagger-core classes ("
                    + e.getMessage() + "): quarkus-camel-bom excludes io.swagger.core.v3:swagger-core, add "
                    + "io.swagger.core.v3:swagger-core-jakarta (test scope) to pom.xml", e);
        }
    }

    private static String read(String fileName) {
        Path file = contractsDir().resolve(fileName);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read contract " + file
                    + " (set -Dmedsync.contracts.dir to the shared contracts directory)", e);
        }
    }
}
