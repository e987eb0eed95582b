package io.medsync.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Pins the validator behaviour the sandbox and end-to-end tests rely on. */
class ContractValidatorsTest {

    private static final String CLINIC = "5b0c3b8e-6f7a-4c1e-9a55-2f4e8d9c1a01";

    private static final String GOOD_PATIENT = "{\"first_name\":\"Zoë\",\"middle_name\":null,\"last_name\":\"Ng\","
            + "\"gender\":null,\"dob\":\"1985-03-15\",\"practitioner_id\":\"" + CLINIC + "\",\"assigned_clinic\":\""
            + CLINIC + "\",\"addresses\":[{\"addressLine1\":\"1 Main St\",\"city\":\"Austin\",\"state\":\"TX\","
            + "\"postalCode\":\"78701\"}]}";

    @Test
    void novaMed31SpecAcceptsNullablesAndEnforcesSchemaRules() {
        // nullable gender/middle_name must pass even though the file says openapi 3.1.0
        ContractValidators.assertValidNovaMedRequest("POST", "/api/external/patient", GOOD_PATIENT);

        assertThat(ContractValidators.validateNovaMedRequest("POST", "/api/external/patient",
                GOOD_PATIENT.replace("\"Zoë\"", "\"Z\"")).hasErrors()).isTrue();
        assertThat(ContractValidators.validateNovaMedRequest("POST", "/api/external/patient",
                GOOD_PATIENT.replace("\"assigned_clinic\":\"" + CLINIC, "\"assigned_clinic\":\"x")).hasErrors())
                .isTrue();
        assertThat(ContractValidators.validateNovaMedRequest("POST", "/api/external/patient",
                GOOD_PATIENT.replace("\"postalCode\":\"78701\"", "\"zip\":\"78701\"")).hasErrors()).isTrue();
    }

    @Test
    void assertMethodsFailWithTheValidatorReport() {
        assertThatThrownBy(() -> ContractValidators.assertValidNovaMedRequest("POST", "/api/external/practitioner",
                "{\"first_name\":\"J\"}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("first_name");
        assertThatThrownBy(() -> ContractValidators.assertValidNexHealthResponse("GET", "/patients?subdomain=x",
                200, "application/json", "{\"code\":true,\"data\":[{\"id\":\"not-a-number\"}]}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("/data/0/id");
    }

    @Test
    void nexHealthAuthenticatesDeclaresTheVendorMediaType() {
        String body = "{\"code\":true,\"description\":\"Authenticated\",\"data\":{\"token\":\"a.b.c\"},\"error\":[]}";
        ContractValidators.assertValidNexHealthResponse("POST", "/authenticates", 201,
                "application/vnd.Nexhealth+json;version=2", body);
        assertThat(ContractValidators.validateNexHealthResponse("POST", "/authenticates", 201, "application/json",
                body).hasErrors()).isTrue();
    }

    @Test
    void nexHealthErrorSchemasDoNotAllowNullData() {
        // Documents a gap between the spec (data: object, not nullable) and the envelope NexHealth sends.
        String error = "{\"code\":false,\"description\":\"Unauthorized\",\"data\":null,\"error\":[\"expired\"]}";
        assertThat(ContractValidators.validateNexHealthResponse("GET", "/patients", 401, "application/json", error)
                .hasErrors()).isTrue();
    }
}
