package io.medsync.novamed;

import static io.medsync.contract.ContractValidators.assertValidNovaMedRequest;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.medsync.sandbox.NovaMedSandbox;
import io.medsync.sandbox.RecordedRequest;
import io.medsync.tenant.Tenant;
import io.medsync.tenant.TenantRegistry;
import io.medsync.testing.StartsOnACleanSlate;
import io.quarkus.test.junit.QuarkusTest;

/** Medication orders through the real client against the NovaMed sandbox: created, in doubt, or the code's id. */
@QuarkusTest
class NovaMedOrderClientTest extends StartsOnACleanSlate {

    @Inject
    NovaMedClient client;

    @Inject
    TenantRegistry tenants;

    private Tenant tenant;
    private NovaMedMedicationOrder order;

    @BeforeEach
    void practitionerAndPatientExist() {
        tenant = tenants.get("demo-clinic");
        String clinic = sandbox.novaMed().clinicId();
        String practitionerId = client.createPractitioner(tenant, new NovaMedPractitioner("Renée", "O'Brien",
                "renee.obrien@example.com", "1234567893", false, clinic, null, "100 Congress Ave", null, "Austin",
                "TX", "78701")).novaMedId();
        String patientId = client.createPatient(tenant, new NovaMedPatient("Zoë", null, "Nguyễn", "female",
                "1985-03-15", "human", null, practitionerId, clinic, null,
                List.of(new NovaMedPatient.Address("12 Maple Ave", null, "Austin", "TX", "78701")))).novaMedId();
        order = new NovaMedMedicationOrder(patientId, practitionerId, clinic, "se-3818360", "fedex_ground", false,
                List.of(new NovaMedMedicationOrder.Item("Amoxicillin 500 MG Oral Capsule", "500 mg", "capsule",
                        new BigDecimal("30"), "3", "Take 1 capsule by mouth three times daily", 10)));
        sandbox.novaMed().clearRecordedRequests();
    }

    private List<RecordedRequest> orderRequests() {
        return sandbox.novaMed().recordedRequests().stream()
                .filter(r -> r.path().equals(NovaMedSandbox.MEDICATION_ORDER_PATH)).toList();
    }

    @Test
    void anOrderIsCreatedOnceWithTheIdNovaMedGaveItAndAContractValidBody() {
        NovaMedCreated created = client.createMedicationOrder(tenant, order);

        assertThat(created.alreadyExisted()).isFalse();
        assertThat(sandbox.novaMed().medicationOrders()).singleElement()
                .satisfies(o -> assertThat(o.id().toString()).isEqualTo(created.novaMedId()));
        assertThat(orderRequests()).singleElement().satisfies(
                r -> assertValidNovaMedRequest("POST", NovaMedSandbox.MEDICATION_ORDER_PATH, r.body()));
    }

    @Test
    void aFailedAnswerPutsTheOrderInDoubtWithoutASecondRequest() {
        sandbox.novaMed().faults().respondWith(NovaMedSandbox.MEDICATION_ORDER_PATH, 3, 502,
                "{\"success\":false,\"error\":{\"message\":\"Bad gateway\"}}");

        DeliveryInDoubtException e = catchThrowableOfType(DeliveryInDoubtException.class,
                () -> client.createMedicationOrder(tenant, order));

        assertThat(e).isNotNull();
        assertThat(e.httpStatus()).isEqualTo(502);
        assertThat(orderRequests()).hasSize(1);
        assertThat(sandbox.novaMed().medicationOrders()).isEmpty();
    }

    @Test
    void theIdFieldNovaMedsCodeSendsIsAcceptedToo() {
        String id = "aa0e8400-e29b-41d4-a716-446655440005";
        sandbox.novaMed().faults().respondWith(NovaMedSandbox.MEDICATION_ORDER_PATH, 1, 200,
                "{\"success\":true,\"data\":{\"medication_order_id\":\"" + id + "\",\"medications\":[]},"
                        + "\"message\":\"Medication order created successfully\"}");

        assertThat(client.createMedicationOrder(tenant, order).novaMedId()).isEqualTo(id);
    }

    @Test
    void aSuccessWithoutAnyIdIsARejectionNamingBothFields() {
        sandbox.novaMed().faults().respondWith(NovaMedSandbox.MEDICATION_ORDER_PATH, 1, 200,
                "{\"success\":true,\"data\":{}}");

        NovaMedRejectedException e = catchThrowableOfType(NovaMedRejectedException.class,
                () -> client.createMedicationOrder(tenant, order));

        assertThat(e).isNotNull();
        assertThat(e.getMessage())
                .isEqualTo("NovaMed answered 200 without data.medication_request_id or data.medication_order_id");
    }

    @Test
    void partnerCallsShowAsCamelRouteMetricsBesideOurCallCounterWithoutPhiOrKeys() {
        client.createMedicationOrder(tenant, order);

        List<String> metrics = given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(l -> !l.startsWith("#")).toList();

        assertThat(metrics).anyMatch(l -> l.startsWith("camel_exchanges_total")
                && l.contains("routeId=\"partner-call-novamed\""));
        assertThat(metrics).anyMatch(l -> l.startsWith("medsync_http_calls_total") && l.contains("system=\"novamed\""));
        assertThat(metrics).noneMatch(l -> l.contains(tenant.novaMedApiKey()) || l.contains("Nguy")
                || l.contains(NovaMedSandbox.MEDICATION_ORDER_PATH));
    }
}
