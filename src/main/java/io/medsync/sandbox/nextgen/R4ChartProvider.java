package io.medsync.sandbox.nextgen;

import jakarta.servlet.http.HttpServletRequest;

import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.NumberParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;

/**
 * The R4 endpoints NextGen serves for medication sync, {@code read} and {@code search-type} only: Patient,
 * Practitioner, MedicationRequest, Medication. A HAPI plain provider over {@link ChartQueries}.
 */
public final class R4ChartProvider {

    private final ChartQueries queries;

    R4ChartProvider(ChartQueries queries) {
        this.queries = queries;
    }

    @Read(type = Patient.class)
    public Patient readPatient(@IdParam IdType id, HttpServletRequest request) {
        return R4ChartRenderer.patient(queries.patient(request, id.getIdPart()));
    }

    @Search(type = Patient.class)
    public IBundleProvider searchPatients(@OptionalParam(name = "_id") TokenParam id,
            @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
            @OptionalParam(name = "_maxresults") NumberParam maxResults, HttpServletRequest request) {
        return ChartQueries.page(queries.patients(request, id, lastUpdated).stream()
                .map(R4ChartRenderer::patient).toList(), maxResults);
    }

    @Read(type = MedicationRequest.class)
    public MedicationRequest readMedicationRequest(@IdParam IdType id, HttpServletRequest request) {
        return R4ChartRenderer.medicationRequest(queries.order(request, id.getIdPart()));
    }

    @Search(type = MedicationRequest.class)
    public IBundleProvider searchMedicationRequests(@RequiredParam(name = "patient") ReferenceParam patient,
            @OptionalParam(name = "status") TokenOrListParam status,
            @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
            @OptionalParam(name = "_maxresults") NumberParam maxResults, HttpServletRequest request) {
        return ChartQueries.page(queries.orders(request, patient, status, lastUpdated).stream()
                .map(R4ChartRenderer::medicationRequest).toList(), maxResults);
    }

    @Read(type = Practitioner.class)
    public Practitioner readPractitioner(@IdParam IdType id, HttpServletRequest request) {
        queries.scope(request);
        return R4ChartRenderer.practitioner(queries.practitioner(id.getIdPart()));
    }

    @Search(type = Practitioner.class)
    public IBundleProvider searchPractitioners(@OptionalParam(name = "_id") TokenParam id,
            @OptionalParam(name = "_maxresults") NumberParam maxResults, HttpServletRequest request) {
        queries.scope(request);
        return ChartQueries.page(queries.practitioners(id).stream().map(R4ChartRenderer::practitioner).toList(),
                maxResults);
    }

    @Read(type = Medication.class)
    public Medication readMedication(@IdParam IdType id, HttpServletRequest request) {
        queries.scope(request);
        return R4ChartRenderer.medication(queries.medication(id.getIdPart()));
    }
}
