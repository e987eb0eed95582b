package io.medsync.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.medsync.nextgen.NextGenTenantsProfile;
import io.medsync.sandbox.nextgen.NextGenSandbox;
import io.medsync.testing.ConsentBrowser;
import io.medsync.testing.StartsOnACleanSlate;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The preview promises the exact payloads the sync sends: after a real sync of an enrolled patient's chart, a
 * Bundle of the same FHIR records (their practitioners, the patient, the active prescriptions and the Medications
 * those reference, as NextGen serves them) previews exactly the practitioner, patient and order bodies NovaMed
 * received; for an R4 and for a DSTU2 tenant.
 */
@QuarkusTest
class FhirPreviewEqualsSyncTest extends StartsOnACleanSlate {

    private static final Pattern REFERENCE = Pattern.compile("\"reference\"\\s*:\\s*\"((Practitioner|Medication)/[^\"]+)\"");

    @Inject
    SyncJobRunner runner;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anR4BundlePreviewsWhatTheSyncSent() throws Exception {
        previewEqualsSync(NextGenTenantsProfile.R4_TENANT, NextGenSandbox.OPEN_R4_BASE, "MedicationRequest");
    }

    @Test
    void aDstu2BundlePreviewsWhatTheSyncSent() throws Exception {
        previewEqualsSync(NextGenTenantsProfile.DSTU2_TENANT, NextGenSandbox.OPEN_DSTU2_BASE, "MedicationOrder");
    }

    private void previewEqualsSync(String tenant, String base, String orderType) throws Exception {
        String patientId = sandbox.nextGen().cleanPatientId();
        ConsentBrowser.enrol(NextGenTenantsProfile.APP_PORT, tenant, patientId);
        runner.runScheduled(tenant, "nextgen");
        Set<PreviewRequests.Request> sent = PreviewRequests.accepted(sandbox.novaMed().recordedRequests());
        int novaMedCalls = sandbox.novaMed().recordedRequests().size();

        JsonNode answer = PreviewRequests.preview(tenant, "fhir", null, chartBundle(base, orderType, patientId));

        Set<PreviewRequests.Request> previewed = PreviewRequests.payloads(answer);
        assertThat(previewed).extracting(PreviewRequests.Request::path).contains("/api/external/practitioner",
                "/api/external/patient", "/api/external/medication-order");
        assertThat(previewed).isEqualTo(sent);
        assertThat(answer.path("problems")).isEmpty();
        assertThat(sandbox.novaMed().recordedRequests()).as("the preview calls NovaMed never").hasSize(novaMedCalls);
    }

    /** The patient's records as NextGen serves them, with every Practitioner and Medication they reference. */
    private JsonNode chartBundle(String base, String orderType, String patientId) throws Exception {
        ObjectNode bundle = PreviewRequests.JSON.createObjectNode().put("resourceType", "Bundle").put("type",
                "collection");
        ArrayNode entries = bundle.putArray("entry");
        JsonNode patient = get(base + "Patient/" + patientId);
        entries.addObject().set("resource", patient);
        JsonNode orders = get(base + orderType + "?patient=" + patientId + "&status=active&_maxresults=100");
        assertThat(orders.path("link").findValuesAsText("relation")).doesNotContain("next");
        orders.path("entry").forEach(e -> entries.addObject().set("resource", e.path("resource")));
        Set<String> references = new LinkedHashSet<>();
        Matcher matcher = REFERENCE.matcher(patient.toString() + orders);
        while (matcher.find()) {
            references.add(matcher.group(1));
        }
        for (String reference : references) {
            entries.addObject().set("resource", get(base + reference));
        }
        return bundle;
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(sandbox.nextGen().baseUrl() + path))
                .header("Accept", "application/fhir+json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return PreviewRequests.read(response.body());
    }
}
