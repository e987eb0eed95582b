package io.medsync.nexhealth;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.medsync.http.CallPolicy;
import io.medsync.http.CallResult;
import io.medsync.http.ContractProblem;
import io.medsync.http.OutboundCaller;
import io.medsync.http.PartnerRequest;
import io.medsync.http.RateLimitHints;
import io.medsync.ratelimit.RateBudget;
import io.medsync.tenant.NexHealthLocation;
import io.medsync.tenant.Tenant;

/** Reads cursor-paged NexHealth collections for a tenant's subdomain and location. */
@ApplicationScoped
public class NexHealthClient {

    private final OutboundCaller caller;
    private final NexHealthTokenProvider tokens;
    private final NexHealthSettings settings;
    private final ObjectMapper json;
    private final RateBudget budget;

    NexHealthClient(OutboundCaller caller, NexHealthTokenProvider tokens, NexHealthSettings settings, ObjectMapper json,
            RateBudget budget) {
        this.caller = caller;
        this.tokens = tokens;
        this.settings = settings;
        this.json = json;
        this.budget = budget;
    }

    public NexHealthPage<NexHealthProvider> providers(Tenant tenant, NexHealthLocation location, Instant updatedSince,
            String endCursor) {
        return page(tenant, location, "/providers", "", NexHealthProvider.class, updatedSince, endCursor);
    }

    /**
     * One active provider by id at a location ({@code GET /providers?ids[]=}), read as the pull reads providers;
     * empty when NexHealth has none with that id there.
     */
    public Optional<NexHealthProvider> provider(Tenant tenant, NexHealthLocation location, long id) {
        return page(tenant, location, "/providers", "&" + encode("ids[]") + "=" + id, NexHealthProvider.class, null,
                null).items().stream().findFirst();
    }

    public NexHealthPage<NexHealthPatient> patients(Tenant tenant, NexHealthLocation location, Instant updatedSince,
            String endCursor) {
        // Without location_strict NexHealth searches the whole EHR; each location is pulled (and cursored) on its own.
        return page(tenant, location, "/patients", "&location_strict=true", NexHealthPatient.class, updatedSince,
                endCursor);
    }

    /** Appointments starting in [windowStart, windowEnd] at a location, blocks and cancellations included. */
    public NexHealthPage<NexHealthAppointment> appointments(Tenant tenant, NexHealthLocation location,
            Instant windowStart, Instant windowEnd, String endCursor) {
        return page(tenant, location, "/appointments", "&start=" + encode(windowStart.toString()) + "&end="
                + encode(windowEnd.toString()), NexHealthAppointment.class, null, endCursor);
    }

    /** @param extraQuery parameters particular to the collection, each starting with {@code &} */
    private <T> NexHealthPage<T> page(Tenant tenant, NexHealthLocation location, String path, String extraQuery,
            Class<T> type, Instant updatedSince, String endCursor) {
        StringBuilder query = new StringBuilder()
                .append("subdomain=").append(encode(location.subdomain()))
                .append("&location_id=").append(location.locationId())
                .append("&per_page=").append(settings.perPage())
                .append(extraQuery);
        if (updatedSince != null) {
            query.append("&updated_since=").append(encode(updatedSince.toString()));
        }
        if (endCursor != null) {
            query.append("&end_cursor=").append(encode(endCursor));
        }
        String target = "nexhealth GET " + path + " tenant=" + tenant.id();
        CallResult result = get(tenant, path, query.toString(), NexHealthAnswers.Page.class, target);
        if (!result.succeeded()) {
            throw new NexHealthException(target + " failed: " + describe(result), result.status());
        }
        return items(result.answer(NexHealthAnswers.Page.class, problem -> notTheContract(target, problem)), type,
                target);
    }

    /**
     * One patient by id ({@code GET /patients/{id}}), with the locations it belongs to; empty when NexHealth does
     * not know it (404).
     */
    public Optional<NexHealthPatientDetail> patient(Tenant tenant, NexHealthLocation location, long id) {
        return one(tenant, "/patients/", id, "subdomain=" + encode(location.subdomain()) + "&location_id="
                + location.locationId(), NexHealthAnswers.Patient.class).map(NexHealthAnswers.Patient::data);
    }

    /** One appointment by id ({@code GET /appointments/{id}}); empty when NexHealth does not know it (404). */
    public Optional<NexHealthAppointment> appointment(Tenant tenant, NexHealthLocation location, long id) {
        return one(tenant, "/appointments/", id, "subdomain=" + encode(location.subdomain()),
                NexHealthAnswers.Appointment.class).map(NexHealthAnswers.Appointment::data);
    }

    private <A> Optional<A> one(Tenant tenant, String collection, long id, String query, Class<A> answer) {
        String target = "nexhealth GET " + collection + "{id} tenant=" + tenant.id();
        CallResult result = get(tenant, collection + id, query, answer, target);
        if (result.status() == 404) {
            return Optional.empty();
        }
        if (!result.succeeded()) {
            throw new NexHealthException(target + " failed: " + describe(result), result.status());
        }
        return Optional.of(result.answer(answer, problem -> notTheContract(target, problem)));
    }

    private CallResult get(Tenant tenant, String path, String query, Class<?> answer, String target) {
        String url = settings.baseUrl() + path + "?" + query;
        AtomicReference<String> usedToken = new AtomicReference<>();
        String budgetKey = RateBudget.budgetKey("nexhealth", tenant.nexHealthApiKey());
        return caller.call(target, () -> {
            budget.acquire(budgetKey, settings.requestsPerMinute(), 10);
            usedToken.set(tokens.token(tenant.nexHealthApiKey()));
            return PartnerRequest.get(url)
                    .authorizedBy(new PartnerRequest.Bearer(usedToken.get()))
                    .header("Nex-Api-Version", settings.apiVersion())
                    .header("Accept", "application/json")
                    .answeredAs(answer);
        }, new CallPolicy(true, RateLimitHints.NONE, () -> tokens.rejected(tenant.nexHealthApiKey(), usedToken.get())));
    }

    /** The page's items, each read on its own: one that does not match the contract is set apart, not the page. */
    private <T> NexHealthPage<T> items(NexHealthAnswers.Page page, Class<T> type, String target) {
        if (page.data() == null) {
            throw new NexHealthException(target + " answered without a data array", 200);
        }
        List<T> items = new ArrayList<>(page.data().size());
        List<NexHealthPage.Malformed> malformed = new ArrayList<>();
        for (JsonNode item : page.data()) {
            try {
                items.add(json.treeToValue(item, type));
            } catch (IOException e) {
                String id = item.path("id").isValueNode() ? item.path("id").asText() : "unknown";
                malformed.add(new NexHealthPage.Malformed(id, "item does not match the contract: "
                        + ContractProblem.describe(e), item));
            }
        }
        boolean hasNext = page.pageInfo() != null && page.pageInfo().hasNextPage();
        String endCursor = page.pageInfo() == null ? null : page.pageInfo().endCursor();
        if (hasNext && endCursor == null) {
            throw new NexHealthException(target + " said has_next_page without an end_cursor", 200);
        }
        return new NexHealthPage<>(items, malformed, hasNext, endCursor);
    }

    /** {@code problem} names a field or the kind of problem: Jackson's own messages can quote the value. */
    static NexHealthException notTheContract(String target, String problem) {
        return new NexHealthException(target + " answered with a body that does not match the contract (" + problem
                + ")", 200);
    }

    private static String describe(CallResult result) {
        return result.status() > 0 ? "HTTP " + result.status() + " after " + result.attempts() + " attempt(s)"
                : result.failure() + " after " + result.attempts() + " attempt(s)";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
