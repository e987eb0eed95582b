package io.medsync.nextgen;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Objects;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.medsync.ledger.DeadLetter;
import io.medsync.ledger.DeadLetterFilter;
import io.medsync.ledger.DeadLetterStore;
import io.medsync.ledger.Ledger;
import io.medsync.ledger.LedgerEntry;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.RecordState;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.pipeline.SyncJobRunner;
import io.medsync.pipeline.SyncOutcome;
import io.medsync.pipeline.SyncRun;
import io.medsync.pipeline.SyncSummary;
import io.medsync.sandbox.Npi;
import io.medsync.sandbox.nextgen.Chart;
import io.medsync.sandbox.nextgen.NextGenCharts;
import io.medsync.testing.ConsentBrowser;
import io.medsync.testing.StartsOnACleanSlate;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 15's end-to-end acceptance on the FHIR (R4) sandbox: two practitioner records with one NPI become one NovaMed
 * practitioner (the summary counts one created, one linked) and everything they prescribed is delivered; a deceased patient is sent nothing and the reason is in
 * the dead letters; a practitioner fixed at the FHIR server is delivered by the replay of its dead letter, and what
 * waited for it follows.
 */
@QuarkusTest
class FidelityEndToEndTest extends StartsOnACleanSlate {

    private static final String TENANT = NextGenTenantsProfile.R4_TENANT;

    @Inject
    SyncJobRunner runner;

    @Inject
    Ledger ledger;

    @Inject
    DeadLetterStore deadLetters;

    @Test
    void onePractitionerPerNpiNothingForTheDeceasedAndAFixedPractitionerDeliveredByReplay() throws Exception {
        NextGenCharts charts = sandbox.nextGen().charts();
        String patient = sandbox.nextGen().cleanPatientId();
        String prescriber = charts.ordersOf(patient).stream().filter(o -> o.status() == Chart.OrderStatus.ACTIVE)
                .map(Chart.Order::requesterId).filter(Objects::nonNull).findFirst().orElseThrow();
        String twin = charts.addPractitionerLike(prescriber);
        String twinOrder = sandbox.nextGen().addMedicationOrder(patient, "197361", "Amlodipine 5 MG Oral Tablet", twin);
        String broken = charts.practitioners().stream().filter(p -> p.npi() == null).findFirst().orElseThrow().id();
        String brokenOrder = sandbox.nextGen().addMedicationOrder(patient, "197361", "Amlodipine 5 MG Oral Tablet",
                broken);
        String deceased = sandbox.nextGen().patientIds().get(1);
        charts.markDeceased(deceased);
        ConsentBrowser.enrol(NextGenTenantsProfile.APP_PORT, TENANT, patient);
        ConsentBrowser.enrol(NextGenTenantsProfile.APP_PORT, TENANT, deceased);

        SyncRun run = runner.runScheduled(TENANT, "nextgen");

        String npi = charts.practitioner(prescriber).orElseThrow().npi();
        assertThat(sandbox.novaMed().practitioners()).filteredOn(p -> npi.equals(p.request().path("npi").asText()))
                .as("one NovaMed practitioner for the NPI").hasSize(1);
        SyncRun.Row providers = run.rows().stream().filter(r -> r.resource().equals(ResourceType.PROVIDER.label()))
                .findFirst().orElseThrow();
        assertThat(providers.get(SyncOutcome.CREATED)).as("created: the practitioners NovaMed created")
                .isEqualTo(sandbox.novaMed().practitioners().size());
        assertThat(providers.get(SyncOutcome.LINKED)).as("linked: the twin NovaMed already had by its NPI")
                .isEqualTo(1);
        assertThat(SyncSummary.table(run)).contains("linked");
        given().header("Authorization", "Bearer sandbox-viewer-token")
                .when().get("/ops/tenants/" + TENANT + "/runs?source=nextgen").then().statusCode(200)
                .body("[0].counts.linked", equalTo(1))
                .body("[0].counts.created", equalTo((int) run.total(SyncOutcome.CREATED)));
        String novaMedPractitioner = entry(ResourceType.PROVIDER, prescriber).novaMedId();
        assertThat(entry(ResourceType.PROVIDER, twin).novaMedId()).isNotNull().isEqualTo(novaMedPractitioner);

        assertThat(entry(ResourceType.PATIENT, deceased).state()).isEqualTo(RecordState.FAILED);
        assertThat(openLetter(ResourceType.PATIENT, deceased).reason()).contains("deceased");
        assertThat(charts.ordersOf(deceased)).allSatisfy(o -> assertThat(ledger.find(key(ResourceType.MEDICATION_ORDER,
                o.id())).map(LedgerEntry::state)).isNotEqualTo(java.util.Optional.of(RecordState.DELIVERED)));
        Chart.Patient dead = charts.patient(deceased).orElseThrow();
        assertThat(sandbox.novaMed().patients()).as("nothing of the deceased patient reached NovaMed")
                .noneMatch(p -> p.request().path("last_name").asText().equalsIgnoreCase(dead.family())
                        && p.request().path("first_name").asText().equalsIgnoreCase(dead.given().get(0)));

        DeadLetter brokenLetter = openLetter(ResourceType.PROVIDER, broken);
        charts.updatePractitioner(broken, p -> new Chart.Practitioner(p.id(), List.of("Nguyen"), "Van An",
                "192837465" + Npi.checkDigit("192837465"), new Chart.Address(List.of("1 Congress Ave"), "Austin", "TX",
                        "78701"), "5125550100", "nguyen@example.org", p.lastUpdated()));
        given().header("Authorization", "Bearer sandbox-operator-token")
                .when().post("/ops/dead-letters/" + brokenLetter.id() + "/replay").then().statusCode(200)
                .body("readFrom", equalTo("source")).body("outcome", equalTo("DELIVERED"));

        assertThat(entry(ResourceType.PATIENT, patient).state()).isEqualTo(RecordState.DELIVERED);
        assertThat(entry(ResourceType.MEDICATION_ORDER, brokenOrder).state()).isEqualTo(RecordState.DELIVERED);
        LedgerEntry ofTwin = entry(ResourceType.MEDICATION_ORDER, twinOrder);
        assertThat(ofTwin.state()).isEqualTo(RecordState.DELIVERED);
        assertThat(sandbox.novaMed().medicationOrders()).filteredOn(o -> o.id().toString().equals(ofTwin.novaMedId()))
                .extracting(o -> o.practitionerId()).containsExactly(novaMedPractitioner.toLowerCase());
        assertThat(charts.ordersOf(patient)).filteredOn(o -> o.status() == Chart.OrderStatus.ACTIVE)
                .filteredOn(o -> o.requesterId() != null && List.of(prescriber, twin, broken).contains(o.requesterId()))
                .allSatisfy(o -> assertThat(entry(ResourceType.MEDICATION_ORDER, o.id()).state())
                        .as("order %s", o.id()).isEqualTo(RecordState.DELIVERED));
        assertThat(deadLetters.list(DeadLetterFilter.open())).as("open dead letters of the delivered records")
                .noneMatch(l -> ledger.find(l.key()).map(LedgerEntry::state).orElse(null) == RecordState.DELIVERED);
    }

    private LedgerEntry entry(ResourceType type, String id) {
        return ledger.find(key(type, id)).orElseThrow(() -> new AssertionError("no ledger record " + key(type, id)));
    }

    private DeadLetter openLetter(ResourceType type, String id) {
        return deadLetters.list(DeadLetterFilter.open()).stream().filter(l -> l.key().equals(key(type, id)))
                .findFirst().orElseThrow(() -> new AssertionError("no open dead letter for " + key(type, id)));
    }

    private static RecordKey key(ResourceType type, String id) {
        return new RecordKey(TENANT, SourceSystem.NEXTGEN, type, id);
    }
}
