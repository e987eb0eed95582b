package io.medsync.sandbox.nextgen;

import jakarta.servlet.http.HttpServletRequest;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.NumberParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;

/** Patient {@code read} and {@code search-type} ({@code _id}, {@code _lastUpdated}, {@code _maxresults}). */
public final class PatientResourceProvider implements IResourceProvider {

    private final ChartQueries queries;
    private final FhirRendering rendering;

    PatientResourceProvider(ChartQueries queries, FhirRendering rendering) {
        this.queries = queries;
        this.rendering = rendering;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return rendering.patientType();
    }

    @Read
    public IBaseResource read(@IdParam IIdType id, HttpServletRequest request) {
        return rendering.patient().apply(queries.patient(request, id.getIdPart()));
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = "_id") TokenParam id,
            @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
            @OptionalParam(name = "_maxresults") NumberParam maxResults, HttpServletRequest request) {
        return ChartQueries.page(queries.patients(request, id, lastUpdated).stream()
                .map(rendering.patient()).toList(), maxResults);
    }
}
