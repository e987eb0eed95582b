package io.medsync.sandbox.nextgen;

import jakarta.servlet.http.HttpServletRequest;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.server.IResourceProvider;

/** Medication {@code read}, for orders that reference a Medication instead of naming or containing it. */
public final class MedicationResourceProvider implements IResourceProvider {

    private final ChartQueries queries;
    private final FhirRendering rendering;

    MedicationResourceProvider(ChartQueries queries, FhirRendering rendering) {
        this.queries = queries;
        this.rendering = rendering;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return rendering.medicationType();
    }

    @Read
    public IBaseResource read(@IdParam IIdType id, HttpServletRequest request) {
        queries.scope(request);
        return rendering.medication().apply(queries.medication(id.getIdPart()));
    }
}
