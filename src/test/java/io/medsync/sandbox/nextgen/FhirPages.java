package io.medsync.sandbox.nextgen;

import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.instance.model.api.IBaseResource;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.util.BundleUtil;

/** A HAPI generic client on one sandbox base, and a search that follows {@code next} links as medsync must. */
record FhirPages(FhirContext context, IGenericClient client) {

    /** @param accessToken null for the open bases */
    static FhirPages on(FhirContext context, String baseUrl, String accessToken) {
        context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = context.newRestfulGenericClient(baseUrl);
        if (accessToken != null) {
            client.registerInterceptor(new BearerTokenAuthInterceptor(accessToken));
        }
        return new FhirPages(context, client);
    }

    IBaseBundle first(String searchUrl) {
        return client.search().byUrl(searchUrl).execute();
    }

    /** Every resource of the search, page by page. */
    List<IBaseResource> all(String searchUrl) {
        return pages(searchUrl).stream().flatMap(p -> BundleUtil.toListOfResources(context, p).stream()).toList();
    }

    List<IBaseBundle> pages(String searchUrl) {
        List<IBaseBundle> pages = new ArrayList<>();
        IBaseBundle page = first(searchUrl);
        pages.add(page);
        while (BundleUtil.getLinkUrlOfType(context, page, IBaseBundle.LINK_NEXT) != null) {
            page = client.loadPage().next(page).execute();
            pages.add(page);
        }
        return pages;
    }

    static List<String> ids(List<? extends IBaseResource> resources) {
        return resources.stream().map(r -> r.getIdElement().getIdPart()).toList();
    }
}
