package io.medsync.sandbox.nextgen;

import static io.medsync.sandbox.nextgen.FhirPages.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.dstu2.composite.ResourceReferenceDt;
import ca.uhn.fhir.model.dstu2.resource.MedicationOrder;
import ca.uhn.fhir.model.dstu2.valueset.MedicationOrderStatusEnum;

import io.medsync.sandbox.RecordedRequest;
import io.medsync.sandbox.SandboxClock;

class NextGenFhirTest {

    private static final SandboxClock CLOCK = new SandboxClock();
    private static NextGenSandbox sandbox;
    private static NextGenTestClient http;
    private static FhirPages r4;
    private static FhirPages dstu2;
    private static String firstPatient;

    @BeforeAll
    static void start() {
        sandbox = new NextGenSandbox(NextGenSandboxSettings.defaults().withPort(0), CLOCK);
        sandbox.start();
        http = new NextGenTestClient(sandbox);
        String system = NextGenTestClient.json(http.token(Map.of("grant_type", "client_credentials")))
                .path("access_token").asText();
        r4 = FhirPages.on(FhirContext.forR4Cached(), sandbox.r4BaseUrl(), system);
        dstu2 = FhirPages.on(FhirContext.forDstu2Cached(), sandbox.dstu2BaseUrl(), system);
        firstPatient = sandbox.patientIds().get(0);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void statusActiveReturnsOnlyTheActiveOrdersInBothVersions() {
        for (String patient : sandbox.patientIds()) {
            List<IBaseResource> r4Active = r4.all("MedicationRequest?patient=" + patient + "&status=active");
            assertThat(r4Active).hasSize((int) sandbox.activeOrderCount(patient))
                    .allSatisfy(r -> assertThat(((MedicationRequest) r).getStatus().toCode()).isEqualTo("active"));
            List<IBaseResource> dstu2Active = dstu2.all("MedicationOrder?patient=" + patient + "&status=active");
            assertThat(ids(dstu2Active)).containsExactlyElementsOf(ids(r4Active));
            assertThat(dstu2Active).allSatisfy(r -> assertThat(((MedicationOrder) r).getStatusElement()
                    .getValueAsEnum()).isEqualTo(MedicationOrderStatusEnum.ACTIVE));
            assertThat(r4.all("MedicationRequest?patient=Patient/" + patient))
                    .hasSize(sandbox.r4MedicationRequests(patient).size());
        }
        assertThat(sandbox.patientIds().stream().mapToLong(sandbox::activeOrderCount).sum()).isPositive();
    }

    @Test
    void maxResultsPagesFollowTheNextLinksToTheFullSet() {
        String search = "MedicationRequest?patient=" + firstPatient + "&_maxresults=2";
        List<IBaseBundle> pages = r4.pages(search);
        assertThat(pages).hasSize(2);
        Bundle first = (Bundle) pages.get(0);
        assertThat(first.getTotal()).isEqualTo(4);
        assertThat(first.getEntry()).hasSize(2);
        assertThat(first.getLink("next")).isNotNull();
        assertThat(r4.all(search).stream().map(r -> r.getIdElement().getIdPart()).toList())
                .containsExactlyInAnyOrderElementsOf(ids(sandbox.r4MedicationRequests(firstPatient)));

        List<IBaseBundle> dstu2Pages = dstu2.pages("MedicationOrder?patient=" + firstPatient + "&_maxresults=2");
        assertThat(dstu2Pages).hasSize(2);
        assertThat(((ca.uhn.fhir.model.dstu2.resource.Bundle) dstu2Pages.get(0)).getTotal()).isEqualTo(4);
        assertThat(dstu2.all("MedicationOrder?patient=" + firstPatient + "&_maxresults=2").stream()
                .map(r -> r.getIdElement().getIdPart()).toList())
                .containsExactlyInAnyOrderElementsOf(ids(sandbox.dstu2MedicationOrders(firstPatient)));

        int patients = sandbox.patientIds().size();
        assertThat(r4.pages("Patient?_maxresults=5")).hasSize((patients + 4) / 5);
        assertThat(ids(dstu2.all("Patient?_maxresults=5"))).containsExactlyElementsOf(sandbox.patientIds());
    }

    @Test
    void countIsAcceptedAndAZeroMaxResultsIsRefused() {
        assertThat(http.get(NextGenSandbox.OPEN_R4_BASE + "Patient?_count=3", null).statusCode()).isEqualTo(200);
        assertThat(http.get(NextGenSandbox.OPEN_R4_BASE + "Patient?_maxresults=0", null).statusCode())
                .isEqualTo(400);
    }

    @Test
    void lastUpdatedReturnsOnlyWhatChangedAfterAMutation() {
        String patient = sandbox.patientIds().get(5);
        Instant before = CLOCK.instant();
        CLOCK.advance(Duration.ofSeconds(1));
        String since = "&_lastUpdated=gt" + before;
        assertThat(r4.all("MedicationRequest?patient=" + patient + since)).isEmpty();

        String rxNorm = "197361";
        String added = sandbox.addMedicationOrder(patient, rxNorm, "Amlodipine 5 MG Oral Tablet", null);
        assertThat(ids(r4.all("MedicationRequest?patient=" + patient + since))).containsExactly(added);
        assertThat(ids(dstu2.all("MedicationOrder?patient=" + patient + since))).containsExactly(added);
        assertThat(ids(r4.all("MedicationRequest?patient=" + patient + "&status=active" + since)))
                .containsExactly(added);

        sandbox.updateMedicationStatus(added, "stopped");
        assertThat(r4.all("MedicationRequest?patient=" + patient + "&status=active" + since)).isEmpty();

        assertThat(r4.all("Patient?_lastUpdated=gt" + before)).isEmpty();
        sandbox.touchPatient(patient);
        assertThat(ids(r4.all("Patient?_lastUpdated=gt" + before))).containsExactly(patient);
        assertThat(ids(dstu2.all("Patient?_lastUpdated=ge" + before))).containsExactly(patient);
        assertThat(r4.all("Patient?_lastUpdated=lt" + before)).hasSize(sandbox.patientIds().size() - 1);
    }

    @Test
    void containedAndReferencedMedicationsResolve() {
        MedicationRequest contained = sandbox.charts().orders().stream()
                .filter(o -> o.medicationForm() == Chart.MedicationForm.CONTAINED).findFirst()
                .map(o -> r4.client().read().resource(MedicationRequest.class).withId(o.id()).execute())
                .orElseThrow();
        assertThat(contained.getMedicationReference().getReference()).isEqualTo("#med1");
        assertThat(contained.getContained()).singleElement().isInstanceOfSatisfying(Medication.class,
                m -> assertThat(m.getCode().getCodingFirstRep().getSystem())
                        .isEqualTo("http://www.nlm.nih.gov/research/umls/rxnorm"));

        MedicationOrder dstu2Contained = dstu2.client().read().resource(MedicationOrder.class)
                .withId(contained.getIdElement().getIdPart()).execute();
        assertThat(((ResourceReferenceDt) dstu2Contained.getMedication()).getReference().getValue())
                .isEqualTo("#med1");
        assertThat(dstu2Contained.getContained().getContainedResources()).hasSize(1);

        Chart.Order referencing = sandbox.charts().orders().stream()
                .filter(o -> o.medicationForm() == Chart.MedicationForm.REFERENCE).findFirst().orElseThrow();
        Reference ref = r4.client().read().resource(MedicationRequest.class).withId(referencing.id()).execute()
                .getMedicationReference();
        Medication medication = r4.client().read().resource(Medication.class)
                .withId(ref.getReferenceElement().getIdPart()).execute();
        assertThat(medication.getCode().getCodingFirstRep().getCode()).isEqualTo(referencing.rxNormCode());
        assertThat(dstu2.client().read().resource(ca.uhn.fhir.model.dstu2.resource.Medication.class)
                .withId(ref.getReferenceElement().getIdPart()).execute().getCode().getCodingFirstRep().getCode())
                .isEqualTo(referencing.rxNormCode());
    }

    @Test
    void theOpenBasesServeTheSameDataWithoutAToken() {
        FhirPages openR4 = FhirPages.on(FhirContext.forR4Cached(), sandbox.baseUrl() + NextGenSandbox.OPEN_R4_BASE,
                null);
        FhirPages openDstu2 = FhirPages.on(FhirContext.forDstu2Cached(),
                sandbox.baseUrl() + NextGenSandbox.OPEN_DSTU2_BASE, null);
        assertThat(ids(openR4.all("Patient"))).containsExactlyElementsOf(sandbox.patientIds());
        assertThat(ids(openDstu2.all("MedicationOrder?patient=" + firstPatient)))
                .containsExactlyElementsOf(ids(sandbox.dstu2MedicationOrders(firstPatient)));
        assertThat(http.get(NextGenSandbox.R4_BASE + "Patient", null).statusCode()).isEqualTo(401);
    }

    @Test
    void unknownIdsAreNotFoundAndThePatientParameterIsRequired() {
        assertThat(http.get(NextGenSandbox.OPEN_R4_BASE + "Patient/nope", null).statusCode()).isEqualTo(404);
        assertThat(http.get(NextGenSandbox.OPEN_R4_BASE + "MedicationRequest?status=active", null).statusCode())
                .isEqualTo(400);
    }

    @Test
    void injectedFaultsAreAnsweredAndRequestsRecordedWithoutTokens() {
        sandbox.clearRecorded();
        sandbox.faults().respondWith(NextGenSandbox.R4_BASE, 1, 503,
                "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"transient\"}]}",
                Map.of("Content-Type", "application/fhir+json"));
        String path = NextGenSandbox.R4_BASE + "Patient/" + firstPatient;
        String token = NextGenTestClient.json(http.token(Map.of("grant_type", "client_credentials")))
                .path("access_token").asText();
        assertThat(http.get(path, token).statusCode()).isEqualTo(503);
        assertThat(http.get(path, token).statusCode()).isEqualTo(200);

        sandbox.faults().respondWith(NextGenSandbox.TOKEN_PATH, 1, 429, "{\"error\":\"rate_limited\"}",
                Map.of("Content-Type", "application/json", "Retry-After", "7"));
        HttpResponse<String> limited = http.token(Map.of("grant_type", "client_credentials"));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("7");

        // Twice: the JDK client retries an idempotent GET once on a closed connection.
        sandbox.faults().dropConnection(NextGenSandbox.R4_BASE, 2);
        assertThatThrownBy(() -> http.get(path, token)).isInstanceOf(UncheckedIOException.class);

        sandbox.faults().loseAnswer(NextGenSandbox.TOKEN_PATH, 1);
        int before = sandbox.tokenRequests("client_credentials").size();
        assertThatThrownBy(() -> http.token(Map.of("grant_type", "client_credentials")))
                .isInstanceOf(UncheckedIOException.class);
        // The lost answer's request took effect: a token was issued.
        assertThat(sandbox.tokenRequests("client_credentials")).hasSize(before + 1);

        List<RecordedRequest> recorded = sandbox.recorded();
        assertThat(recorded).extracting(RecordedRequest::responseStatus).containsSubsequence(503, 200, 429, 0);
        assertThat(recorded).allSatisfy(r -> {
            assertThat(r.header("Authorization")).isNull();
            assertThat(r.body()).isNull();
        });
        assertThat(recorded).anySatisfy(r -> assertThat(r.path()).isEqualTo(path));
    }
}
