package io.medsync.sandbox.nextgen;

import jakarta.servlet.http.HttpServletRequest;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.NumberParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;

/** Practitioner {@code read} and search by {@code _id}; readable with any valid token. */
public final class PractitionerResourceProvider implements IResourceProvider {

    private final ChartQueries queries;
    private final FhirRendering rendering;

    PractitionerResourceProvider(ChartQueries queries, FhirRendering rendering) {
        this.queries = queries;
        this.rendering = rendering;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return rendering.practitionerType();
    }

    @Read
    public IBaseResource read(@IdParam IIdType id, HttpServletRequest request) {
        queries.scope(request);
        return rendering.practitioner().apply(queries.practitioner(id.getIdPart()));
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = "_id") TokenParam id,
            @OptionalParam(name = "_maxresults") NumberParam maxResults, HttpServletRequest request) {
        queries.scope(request);
        return ChartQueries.page(queries.practitioners(id).stream().map(rendering.practitioner()).toList(),
                maxResults);
    }
}
