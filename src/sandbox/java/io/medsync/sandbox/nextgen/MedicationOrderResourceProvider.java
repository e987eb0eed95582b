package io.medsync.sandbox.nextgen;

import jakarta.servlet.http.HttpServletRequest;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;

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
import ca.uhn.fhir.rest.server.IResourceProvider;

/**
 * MedicationRequest (R4) / MedicationOrder (DSTU2) {@code read} and {@code search-type}: {@code patient} (required,
 * as NextGen serves them per patient), {@code status}, {@code _lastUpdated}, {@code _maxresults}.
 */
public final class MedicationOrderResourceProvider implements IResourceProvider {

    private final ChartQueries queries;
    private final FhirRendering rendering;

    MedicationOrderResourceProvider(ChartQueries queries, FhirRendering rendering) {
        this.queries = queries;
        this.rendering = rendering;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return rendering.orderType();
    }

    @Read
    public IBaseResource read(@IdParam IIdType id, HttpServletRequest request) {
        return rendering.order().apply(queries.order(request, id.getIdPart()));
    }

    @Search
    public IBundleProvider search(@RequiredParam(name = "patient") ReferenceParam patient,
            @OptionalParam(name = "status") TokenOrListParam status,
            @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
            @OptionalParam(name = "_maxresults") NumberParam maxResults, HttpServletRequest request) {
        return ChartQueries.page(queries.orders(request, patient, status, lastUpdated).stream()
                .map(rendering.order()).toList(), maxResults);
    }
}
