package io.medsync.sandbox.nextgen;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Predicate;

import jakarta.servlet.http.HttpServletRequest;

import org.hl7.fhir.instance.model.api.IBaseResource;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.NumberParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;

/**
 * The searches and reads both FHIR versions serve, on the version-neutral charts, with the access rules of the
 * caller's {@link AccessScope}: a patient token sees only its patient's Patient and orders (403 otherwise);
 * practitioners and medications are readable by any valid token. Paging follows NextGen's {@code _maxresults}.
 */
final class ChartQueries {

    private final NextGenCharts charts;
    private final boolean secured;

    ChartQueries(NextGenCharts charts, boolean secured) {
        this.charts = charts;
        this.secured = secured;
    }

    AccessScope scope(HttpServletRequest request) {
        return AccessScope.of(request, secured);
    }

    Chart.Patient patient(HttpServletRequest request, String id) {
        scope(request).requirePatient(id);
        return charts.patient(id).orElseThrow(() -> notFound("Patient", id));
    }

    /** A patient token's search returns only its own patient (how a client learns the id without {@code patient}). */
    List<Chart.Patient> patients(HttpServletRequest request, TokenParam id, DateRangeParam lastUpdated) {
        AccessScope scope = scope(request);
        if (id != null) {
            scope.requirePatient(id.getValue());
        }
        return charts.patients().stream()
                .filter(p -> scope.everyone() || p.id().equals(scope.patientId()))
                .filter(p -> id == null || p.id().equals(id.getValue()))
                .filter(p -> updatedWithin(lastUpdated, p.lastUpdated()))
                .toList();
    }

    Chart.Order order(HttpServletRequest request, String id) {
        AccessScope scope = scope(request);
        Chart.Order order = charts.order(id).orElseThrow(() -> notFound("medication order", id));
        scope.requirePatient(order.patientId());
        return order;
    }

    List<Chart.Order> orders(HttpServletRequest request, ReferenceParam patient, TokenOrListParam status,
            DateRangeParam lastUpdated) {
        String patientId = patient.getIdPart();
        scope(request).requirePatient(patientId);
        Predicate<Chart.Order> statusMatches = o -> status == null
                || status.getValuesAsQueryTokens().stream().anyMatch(t -> t.getValue().equals(o.status().code()));
        return charts.ordersOf(patientId).stream()
                .filter(statusMatches)
                .filter(o -> updatedWithin(lastUpdated, o.lastUpdated()))
                .toList();
    }

    Chart.Practitioner practitioner(String id) {
        return charts.practitioner(id).orElseThrow(() -> notFound("Practitioner", id));
    }

    List<Chart.Practitioner> practitioners(TokenParam id) {
        return charts.practitioners().stream().filter(p -> id == null || p.id().equals(id.getValue())).toList();
    }

    Chart.Medication medication(String id) {
        return charts.medication(id).orElseThrow(() -> notFound("Medication", id));
    }

    /**
     * A searchset of {@code resources}, {@code Bundle.total} set, pages of {@code _maxresults} (the server's default
     * page size without it) reached through the Bundle's {@code next} link.
     */
    static IBundleProvider page(List<? extends IBaseResource> resources, NumberParam maxResults) {
        SimpleBundleProvider bundle = new SimpleBundleProvider(resources);
        if (maxResults != null) {
            if (maxResults.getValue() == null || maxResults.getValue().signum() <= 0
                    || maxResults.getValue().scale() > 0 && maxResults.getValue().stripTrailingZeros().scale() > 0) {
                throw new InvalidRequestException("_maxresults must be a positive integer");
            }
            bundle.setPreferredPageSize(maxResults.getValue().intValueExact());
        }
        return bundle;
    }

    /** {@code _lastUpdated} as HAPI reads its bounds (gt/lt exclusive at the given precision, ge/le inclusive). */
    static boolean updatedWithin(DateRangeParam range, Instant lastUpdated) {
        if (range == null) {
            return true;
        }
        Date at = Date.from(lastUpdated);
        Date lower = range.getLowerBoundAsInstant();
        Date upper = range.getUpperBoundAsInstant();
        return (lower == null || !at.before(lower)) && (upper == null || !at.after(upper));
    }

    private static ResourceNotFoundException notFound(String what, String id) {
        return new ResourceNotFoundException("Unknown " + what + " id " + id);
    }
}
