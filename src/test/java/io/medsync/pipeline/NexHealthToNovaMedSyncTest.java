package io.medsync.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.medsync.contract.ContractValidators;
import io.medsync.ledger.Ledger;
import io.medsync.ledger.LedgerEntry;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.RecordState;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.sandbox.NovaMedSandbox;
import io.medsync.sandbox.RecordedRequest;
import io.medsync.sandbox.SandboxLauncher;
import io.medsync.testing.CleanSlate;
import io.medsync.testing.LogCapture;
import io.quarkus.test.junit.QuarkusTest;

/** The walking skeleton, end to end: NexHealth sandbox → pipeline → NovaMed sandbox, with the ledger in between. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NexHealthToNovaMedSyncTest {

    private static final String TENANT = "demo-clinic";

    @Inject
    SyncJobRunner runner;

    @Inject
    SandboxLauncher sandbox;

    @Inject
    Ledger ledger;

    @Inject
    DataSource dataSource;

    @Inject
    CamelContext camel;

    @Test
    @Order(0)
    void startFromAFreshlySeededSandboxAndAnEmptyLedger() {
        CleanSlate.reset(sandbox, dataSource);
        assertThat(ledger.countByState(TENANT, ResourceType.PATIENT)).isEmpty();
    }

    @Test
    @Order(1)
    void firstRunCreatesEverySeededRecordOrFailsItWithAReason() {
        SyncRun run;
        try (LogCapture logs = LogCapture.start()) {
            run = runner.runAllTenants();
            assertNoSeededPhiIn(logs.lines());
        }

        // NexHealth lists active providers unless asked otherwise; the seed has one inactive provider.
        int providers = (int) sandbox.nexHealth().providerIds().stream()
                .filter(id -> !sandbox.nexHealth().provider(id).orElseThrow().path("inactive").asBoolean())
                .count();
        int patients = sandbox.nexHealth().patientCount();
        SyncRun.Row providerRow = row(run, "provider");
        SyncRun.Row patientRow = row(run, "patient");
        assertThat(run.errors()).isEmpty();
        // The demo tenant has two locations; providers serve both, so the second location finds them unchanged.
        assertThat(providerRow.get(SyncOutcome.PULLED)).isEqualTo(2L * providers);
        // ...unless they failed at the first: those are "still failed", not unchanged.
        assertThat(providerRow.get(SyncOutcome.UNCHANGED) + providerRow.get(SyncOutcome.STILL_FAILED))
                .isEqualTo(providers);
        assertThat(providerRow.get(SyncOutcome.STILL_FAILED)).isEqualTo(providerRow.get(SyncOutcome.FAILED));
        assertThat(patientRow.get(SyncOutcome.PULLED)).isEqualTo(patients);
        assertThat(providerRow.get(SyncOutcome.CREATED) + providerRow.get(SyncOutcome.FAILED)).isEqualTo(providers);
        // A patient whose practitioner did not make it waits for it (parked), it is not failed.
        assertThat(patientRow.get(SyncOutcome.CREATED) + patientRow.get(SyncOutcome.FAILED)
                + patientRow.get(SyncOutcome.PARKED)).isEqualTo(patients);
        assertThat(patientRow.get(SyncOutcome.PARKED)).isPositive();
        // The seed holds records NovaMed cannot take, and mostly records it can.
        assertThat(patientRow.get(SyncOutcome.FAILED)).isPositive();
        assertThat(patientRow.get(SyncOutcome.CREATED)).isGreaterThan(patients / 2);

        NovaMedSandbox novaMed = sandbox.novaMed();
        assertThat(novaMed.practitioners()).hasSize((int) providerRow.get(SyncOutcome.CREATED));
        assertThat(novaMed.patients()).hasSize((int) patientRow.get(SyncOutcome.CREATED));
        assertThat(run.total(SyncOutcome.NOVAMED_CALLS)).as("the summary counts the creates sent to NovaMed")
                .isEqualTo(novaMed.recordedRequests().stream().filter(r -> r.method().equals("POST")).count());

        for (long id : sandbox.nexHealth().patientIds()) {
            LedgerEntry entry = ledger.find(key(ResourceType.PATIENT, id)).orElseThrow();
            assertThat(entry.state()).isIn(RecordState.DELIVERED, RecordState.FAILED, RecordState.PARKED);
            if (entry.state() != RecordState.DELIVERED) {
                assertThat(entry.lastError()).as("reason of %s", entry.key()).isNotBlank();
            } else {
                assertThat(entry.novaMedId()).isNotBlank();
            }
        }
    }

    @Test
    @Order(2)
    void everyRequestSentToNovaMedValidatesAgainstTheContract() {
        List<RecordedRequest> posts = sandbox.novaMed().recordedRequests().stream()
                .filter(r -> r.method().equals("POST"))
                .toList();
        assertThat(posts).isNotEmpty();
        for (RecordedRequest post : posts) {
            ContractValidators.assertValidNovaMedRequest(post.method(), post.path(), post.body());
        }
    }

    @Test
    @Order(3)
    void aSecondRunCreatesNothingAndCallsNovaMedNever() {
        sandbox.novaMed().clearRecordedRequests();

        SyncRun run = runner.runAllTenants();

        assertThat(run.total(SyncOutcome.CREATED)).isZero();
        assertThat(run.total(SyncOutcome.FAILED)).isZero();
        assertThat(sandbox.novaMed().recordedRequests()).isEmpty();
    }

    @Test
    @Order(4)
    void aFullResyncOfUnchangedDataReadsEverythingAndCallsNovaMedNever() {
        sandbox.novaMed().clearRecordedRequests();
        NotifyBuilder recordExchanges = new NotifyBuilder(camel).wereSentTo("direct:deliver-nexhealth-*")
                .whenDone(1).create();

        SyncRun run = runner.runAllTenants(true);

        assertThat(row(run, "patient").get(SyncOutcome.PULLED)).isEqualTo(sandbox.nexHealth().patientCount());
        // Records that failed or were parked before are reported apart, so nobody takes them for fixed.
        SyncRun.Row patients = row(run, "patient");
        assertThat(patients.get(SyncOutcome.STILL_FAILED)).isPositive();
        assertThat(patients.get(SyncOutcome.UNCHANGED) + patients.get(SyncOutcome.STILL_FAILED))
                .isEqualTo(sandbox.nexHealth().patientCount());
        assertThat(run.total(SyncOutcome.CREATED)).isZero();
        assertThat(run.total(SyncOutcome.NOVAMED_CALLS)).as("the summary's NovaMed calls column").isZero();
        assertThat(sandbox.novaMed().recordedRequests()).isEmpty();
        // Settled by the ledger state read with each page: counted there, no exchange of its own per record.
        assertThat(recordExchanges.matches()).as("a record went through its delivery route").isFalse();
    }

    @Test
    @Order(5)
    void aPatientChangedAfterDeliveryIsReportedDriftedAndNotPostedAgain() {
        long delivered = sandbox.nexHealth().patientIds().stream()
                .filter(id -> ledger.find(key(ResourceType.PATIENT, id)).map(LedgerEntry::state)
                        .equals(Optional.of(RecordState.DELIVERED)))
                .findFirst().orElseThrow();
        sandbox.nexHealth().updatePatient(delivered, patient -> patient.put("middle_name", "Changed"));
        sandbox.novaMed().clearRecordedRequests();

        SyncRun run = runner.runAllTenants();

        assertThat(row(run, "patient").get(SyncOutcome.DRIFTED)).isEqualTo(1);
        assertThat(run.total(SyncOutcome.CREATED)).isZero();
        assertThat(sandbox.novaMed().recordedRequests()).isEmpty();
        assertThat(ledger.find(key(ResourceType.PATIENT, delivered)).orElseThrow().state()).isEqualTo(RecordState.DRIFTED);

        SyncRun again = runner.runAllTenants();
        assertThat(again.total(SyncOutcome.DRIFTED)).as("drift is reported once, not every run").isZero();
    }

    @Test
    @Order(6)
    void ledgerCountsMatchWhatNovaMedHolds() {
        Map<RecordState, Long> patients = ledger.countByState(TENANT, ResourceType.PATIENT);
        long inNovaMed = patients.getOrDefault(RecordState.DELIVERED, 0L) + patients.getOrDefault(RecordState.DRIFTED, 0L);
        assertThat(inNovaMed).isEqualTo(sandbox.novaMed().patients().size());
    }

    /** Failures are logged with their reasons: none of them may carry a patient's or provider's personal data. */
    private void assertNoSeededPhiIn(List<String> lines) {
        assertThat(lines).as("the run logs its failures").isNotEmpty();
        String log = String.join("\n", lines);
        for (long id : sandbox.nexHealth().patientIds()) {
            ObjectNode patient = sandbox.nexHealth().patient(id).orElseThrow();
            for (String phi : phiValues(patient)) {
                assertThat(log).as("log must not contain PHI of patient %s", id).doesNotContain(phi);
            }
        }
        for (long id : sandbox.nexHealth().providerIds()) {
            for (String phi : phiValues(sandbox.nexHealth().provider(id).orElseThrow())) {
                assertThat(log).as("log must not contain PHI of provider %s", id).doesNotContain(phi);
            }
        }
    }

    private static List<String> phiValues(ObjectNode person) {
        JsonNode bio = person.path("bio");
        return java.util.stream.Stream.of(person.path("name"), person.path("email"), person.path("last_name"),
                        bio.path("date_of_birth"), bio.path("phone_number"), bio.path("cell_phone_number"),
                        bio.path("address_line_1"), bio.path("street_address"))
                .filter(JsonNode::isTextual).map(JsonNode::asText)
                // Very short strings (a 2-letter surname) also occur inside ordinary words; they prove nothing.
                .filter(v -> v.length() >= 5)
                .toList();
    }

    private static RecordKey key(ResourceType type, long id) {
        return new RecordKey(TENANT, SourceSystem.NEXHEALTH, type, String.valueOf(id));
    }

    private static SyncRun.Row row(SyncRun run, String resource) {
        return run.rows().stream().filter(r -> r.tenant().equals(TENANT) && r.resource().equals(resource))
                .findFirst().orElseThrow(() -> new AssertionError("no summary row for " + resource));
    }
}
