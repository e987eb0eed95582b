package io.medsync.nextgen;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.medsync.contract.ContractValidators;
import io.medsync.ledger.Ledger;
import io.medsync.ledger.LedgerEntry;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.RecordState;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.pipeline.SyncJobRunner;
import io.medsync.pipeline.SyncRun;
import io.medsync.sandbox.RecordedRequest;
import io.medsync.sandbox.nextgen.NextGenSandbox;
import io.medsync.testing.ConsentBrowser;
import io.medsync.testing.StartsOnACleanSlate;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A patient enrols through the consent flow as a browser would (redirects followed), then a sync creates the
 * practitioner, the patient and one NovaMed medication order per active prescription; a second sync creates
 * nothing. Once for an R4 tenant (MedicationRequest) and once for a DSTU2 tenant (MedicationOrder).
 */
@QuarkusTest
class NextGenConsentSyncTest extends StartsOnACleanSlate {

    static final String ORDER_PATH = "/api/external/medication-order";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    SyncJobRunner runner;

    @Inject
    Ledger ledger;

    @Test
    void r4PatientEnrolsAndTheirActivePrescriptionsBecomeOrdersOnce() throws Exception {
        enrolAndSyncTwice(NextGenTenantsProfile.R4_TENANT, sandbox.nextGen().cleanPatientId());
    }

    @Test
    void dstu2PatientEnrolsAndTheirActiveMedicationOrdersBecomeOrdersOnce() throws Exception {
        enrolAndSyncTwice(NextGenTenantsProfile.DSTU2_TENANT, sandbox.nextGen().cleanPatientId());
    }

    private void enrolAndSyncTwice(String tenant, String patientId) throws Exception {
        JsonNode enrolled = followConsent(tenant, patientId);
        assertThat(enrolled.path("status").asText()).isEqualTo("enrolled");
        assertThat(enrolled.path("patient_id").asText()).isEqualTo(patientId);

        given().auth().oauth2("sandbox-ops-token").queryParam("tenant", tenant)
                .when().get("/ops/nextgen/enrolments")
                .then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.is(1))
                .body("[0].state", org.hamcrest.Matchers.is("ACTIVE"));

        runner.runScheduled(tenant, "nextgen");

        int activeOrders = (int) sandbox.nextGen().activeOrderCount(patientId);
        assertThat(activeOrders).isPositive();
        List<RecordedRequest> orders = created(ORDER_PATH);
        assertThat(orders).hasSize(activeOrders);
        assertThat(created("/api/external/patient")).hasSize(1);
        assertThat(created("/api/external/practitioner")).isNotEmpty();
        String novaMedPatientId = sandbox.novaMed().patients().get(0).id().toString();
        assertThat(sandbox.novaMed().patients()).hasSize(1);
        for (RecordedRequest order : orders) {
            ContractValidators.assertValidNovaMedRequest("POST", ORDER_PATH, order.body());
            JsonNode body = JSON.readTree(order.body());
            assertThat(body.path("patient_id").asText()).isEqualTo(novaMedPatientId);
            assertThat(body.path("carrier_id").asText()).isEqualTo("se-3818360");
            assertThat(body.path("medication_requests")).hasSize(1);
        }

        int before = sandbox.novaMed().recordedRequests().size();
        runner.runScheduled(tenant, "nextgen");
        assertThat(sandbox.novaMed().recordedRequests()).hasSize(before);
        // The incremental pull saw no prescription this time: the patient (whose practitioner medsync derived from
        // them) is unchanged, not drifted.
        RecordKey patientKey = new RecordKey(tenant, SourceSystem.NEXTGEN, ResourceType.PATIENT, patientId);
        assertThat(ledger.find(patientKey)).map(LedgerEntry::state).contains(RecordState.DELIVERED);
    }

    @Test
    void aNextGenOutageDeadLettersNothingReportsTheSourceUnavailableAndTheNextRunsDeliverEverythingOnce()
            throws Exception {
        String tenant = NextGenTenantsProfile.R4_TENANT;
        String patientId = sandbox.nextGen().cleanPatientId();
        followConsent(tenant, patientId);
        // NextGen's FHIR API answers 503 for far longer than one read's retries, then drops connections unanswered.
        sandbox.nextGen().faults().respondWith(NextGenSandbox.R4_BASE, 40, 503,
                "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"transient\"}]}");
        sandbox.nextGen().faults().dropConnection(NextGenSandbox.R4_BASE, 40);

        SyncRun duringOutage = runner.runScheduled(tenant, "nextgen");
        SyncRun stillDown = runner.runScheduled(tenant, "nextgen");

        assertThat(duringOutage.unavailablePartners()).containsExactly(tenant + "/nextgen");
        assertThat(stillDown.unavailablePartners()).containsExactly(tenant + "/nextgen");
        assertThat(sandbox.novaMed().recordedRequests()).as("nothing read, nothing sent").isEmpty();
        assertThat(deadLetters()).as("no dead letter for a source outage").isZero();

        sandbox.nextGen().faults().clear();
        // No operator action: the next runs probe NextGen (half-open), find it back and read the chart.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .pollInterval(java.time.Duration.ofMillis(300))
                .until(() -> runner.runScheduled(tenant, "nextgen").unavailablePartners().isEmpty());
        int before = sandbox.novaMed().recordedRequests().size();
        runner.runScheduled(tenant, "nextgen");

        int activeOrders = (int) sandbox.nextGen().activeOrderCount(patientId);
        assertThat(activeOrders).isPositive();
        assertThat(created(ORDER_PATH)).as("every active prescription once").hasSize(activeOrders);
        assertThat(created(ORDER_PATH).stream().map(RecordedRequest::body)).doesNotHaveDuplicates();
        assertThat(created("/api/external/patient")).hasSize(1);
        assertThat(sandbox.novaMed().recordedRequests()).as("a further run sends nothing").hasSize(before);
        assertThat(deadLetters()).isZero();
    }

    private long deadLetters() throws java.sql.SQLException {
        try (var c = dataSource.getConnection(); var rs = c.createStatement().executeQuery(
                "select count(*) from dead_letter")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static JsonNode followConsent(String tenant, String loginHint) throws IOException, InterruptedException {
        return ConsentBrowser.enrol(NextGenTenantsProfile.APP_PORT, tenant, loginHint);
    }

    private List<RecordedRequest> created(String path) {
        return sandbox.novaMed().recordedRequests().stream()
                .filter(r -> r.path().equals(path) && r.responseStatus() == 200).toList();
    }
}
