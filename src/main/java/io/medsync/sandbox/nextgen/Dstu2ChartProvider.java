package io.medsync.sandbox.nextgen;

import jakarta.servlet.http.HttpServletRequest;

import ca.uhn.fhir.model.primitive.IdDt;
import ca.uhn.fhir.model.dstu2.resource.Medication;
import ca.uhn.fhir.model.dstu2.resource.MedicationOrder;
import ca.uhn.fhir.model.dstu2.resource.Patient;
import ca.uhn.fhir.model.dstu2.resource.Practitioner;

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
 * The DSTU2 endpoints NextGen serves for medication sync, {@code read} and {@code search-type} only: Patient,
 * Practitioner, MedicationOrder (DSTU2's MedicationRequest), Medication. A HAPI plain provider over {@link ChartQueries}.
 */
public final class Dstu2ChartProvider {

    private final ChartQueries queries;

    Dstu2ChartProvider(ChartQueries queries) {
        this.queries = queries;
    }

    @Read(type = Patient.class)
    public Patient readPatient(@IdParam IdDt id, HttpServletRequest request) {
        return Dstu2ChartRenderer.patient(queries.patient(request, id.getIdPart()));
    }

    @Search(type = Patient.class)
    public IBundleProvider searchPatients(@OptionalParam(name = "_id") TokenParam id,
            @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
            @OptionalParam(name = "_maxresults") NumberParam maxResults, HttpServletRequest request) {
        return ChartQueries.page(queries.patients(request, id, lastUpdated).stream()
                .map(Dstu2ChartRenderer::patient).toList(), maxResults);
    }

    @Read(type = MedicationOrder.class)
    public MedicationOrder readMedicationOrder(@IdParam IdDt id, HttpServletRequest request) {
        return Dstu2ChartRenderer.medicationOrder(queries.order(request, id.getIdPart()));
    }

    @Search(type = MedicationOrder.class)
    public IBundleProvider searchMedicationOrders(@RequiredParam(name = "patient") ReferenceParam patient,
            @OptionalParam(name = "status") TokenOrListParam status,
            @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
            @OptionalParam(name = "_maxresults") NumberParam maxResults, HttpServletRequest request) {
        return ChartQueries.page(queries.orders(request, patient, status, lastUpdated).stream()
                .map(Dstu2ChartRenderer::medicationOrder).toList(), maxResults);
    }

    @Read(type = Practitioner.class)
    public Practitioner readPractitioner(@IdParam IdDt id, HttpServletRequest request) {
        queries.scope(request);
        return Dstu2ChartRenderer.practitioner(queries.practitioner(id.getIdPart()));
    }

    @Search(type = Practitioner.class)
    public IBundleProvider searchPractitioners(@OptionalParam(name = "_id") TokenParam id,
            @OptionalParam(name = "_maxresults") NumberParam maxResults, HttpServletRequest request) {
        queries.scope(request);
        return ChartQueries.page(queries.practitioners(id).stream().map(Dstu2ChartRenderer::practitioner).toList(),
                maxResults);
    }

    @Read(type = Medication.class)
    public Medication readMedication(@IdParam IdDt id, HttpServletRequest request) {
        queries.scope(request);
        return Dstu2ChartRenderer.medication(queries.medication(id.getIdPart()));
    }
}
