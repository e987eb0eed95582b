package io.medsync.novamed;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.medsync.http.CallOutcome;
import io.medsync.http.CallPolicy;
import io.medsync.http.CallResult;
import io.medsync.http.OutboundCaller;
import io.medsync.http.PartnerRequest;
import io.medsync.http.PartnerUnavailableException;
import io.medsync.http.RateLimitHints;
import io.medsync.ratelimit.RateBudget;
import io.medsync.tenant.Tenant;

/** Creates practitioners, patients and medication orders in NovaMed for a tenant's clinic. */
@ApplicationScoped
public class NovaMedClient {

    /** NovaMed's errors guide: treat "already exists" as success. */
    private static final String ALREADY_EXISTS = "already exists";

    /** The target's path without its query (which can hold ids): compiled once, not per call. */
    private static final Pattern QUERY = Pattern.compile("\\?.*");

    private final OutboundCaller caller;
    private final NovaMedSettings settings;
    private final ObjectMapper json;
    private final RateBudget budget;

    /** Reads the 429 body's {@code retry_after}, else {@code X-RateLimit-Reset} (epoch seconds). */
    private final RateLimitHints hints = r -> retryAfter(r).or(() -> r.headers() == null ? Optional.empty()
            : r.headers().firstValueAsLong("X-RateLimit-Reset").stream().boxed().findFirst()
                    .map(reset -> Duration.between(Instant.now(), Instant.ofEpochSecond(reset))));

    NovaMedClient(OutboundCaller caller, NovaMedSettings settings, ObjectMapper json, RateBudget budget) {
        this.caller = caller;
        this.settings = settings;
        this.json = json;
        this.budget = budget;
    }

    public NovaMedCreated createPractitioner(Tenant tenant, NovaMedPractitioner practitioner) {
        return create(tenant, practitioner, List.of("practitioner_id"), AlreadyExists.DELIVERED,
                settings.resend().practitioner());
    }

    public NovaMedCreated createPatient(Tenant tenant, NovaMedPatient patient) {
        return create(tenant, patient, List.of("patient_id"), AlreadyExists.DELIVERED,
                settings.resend().patient());
    }

    /**
     * Either shape, to the configured path. The spec names the new id {@code medication_request_id}; NovaMed's code
     * answers {@code medication_order_id} (contracts README 1.5 [!]), so both are accepted.
     */
    public NovaMedCreated createMedicationOrder(Tenant tenant, NovaMedOrderCommand order) {
        return create(tenant, order,
                List.of("medication_request_id", "medication_order_id"), AlreadyExists.DELIVERED,
                settings.resend().medicationOrder());
    }

    /** A refill of a NovaMed order; NovaMed answers the refill's id (and the new order's). */
    public NovaMedCreated createRefillRequest(Tenant tenant, NovaMedRefillRequest refill) {
        return create(tenant, refill, List.of("refill_request_id"),
                AlreadyExists.DELIVERED_ON_RESEND, settings.resend().refill());
    }

    /** What NovaMed's "already exists" answer means for a kind of create (its errors guide: treat it as success). */
    private enum AlreadyExists {
        /** NovaMed found the same practitioner (NPI) or patient: ours, delivered. */
        DELIVERED,
        /** A pending refill blocks the order's next one: ours only when it answers our own resend. */
        DELIVERED_ON_RESEND
    }

    /** A create as it would go out: NovaMed's path for the command and the exact body bytes. */
    public record CreateRequest(String path, byte[] body) {
    }

    /** The request a create of {@code command} sends, built without sending it (the preview shows it). */
    public CreateRequest requestFor(Object command) {
        try {
            return new CreateRequest(pathOf(command), json.writeValueAsBytes(command));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a " + command.getClass().getSimpleName(), e);
        }
    }

    private String pathOf(Object command) {
        if (command instanceof NovaMedPractitioner) {
            return settings.practitionerPath();
        }
        if (command instanceof NovaMedPatient) {
            return settings.patientPath();
        }
        if (command instanceof NovaMedOrderCommand) {
            return settings.medicationOrder().effectivePath();
        }
        if (command instanceof NovaMedRefillRequest) {
            return settings.refillPath();
        }
        throw new IllegalStateException("no NovaMed endpoint for a " + command.getClass().getSimpleName());
    }

    private NovaMedCreated create(Tenant tenant, Object command, List<String> idFields, AlreadyExists alreadyExists,
            ResendPolicy resend) {
        // The route writes the command with the same ObjectMapper as requestFor: the preview shows the sent bytes.
        CallResult result = send(tenant, "POST", pathOf(command), command, resend == ResendPolicy.SAFE,
                NovaMedAnswer.class);
        if (result.succeeded()) {
            return result.answer(NovaMedAnswer.class, problem -> notTheContract(result, problem)).firstId(idFields)
                    .map(id -> new NovaMedCreated(id, false))
                    .orElseThrow(() -> new NovaMedRejectedException("NovaMed answered " + result.status()
                            + " without data." + String.join(" or data.", idFields), result.status()));
        }
        JsonNode answer = parse(result.body());
        String message = answer.path("error").path("message").asText("");
        boolean ours = alreadyExists == AlreadyExists.DELIVERED || result.attempts() > 1;
        if (result.outcome() == CallOutcome.REJECTED && message.toLowerCase().contains(ALREADY_EXISTS) && ours) {
            // A resend answered "already exists": the first attempt, whose answer was lost, created it.
            return new NovaMedCreated(null, true, result.attempts() > 1);
        }
        if (result.outcome().ambiguous() && resend == ResendPolicy.IN_DOUBT) {
            throw new DeliveryInDoubtException("NovaMed's answer was lost or failed (" + (result.status() > 0
                    ? "HTTP " + result.status() : result.failure()) + "): the create may or may not have happened",
                    result.status() == 0 ? null : result.status());
        }
        if (unavailable(result)) {
            // Not a refusal of this record: it waits (pending) until NovaMed answers again.
            throw new PartnerUnavailableException("novamed", describe(result, "", json.createObjectNode()));
        }
        throw new NovaMedRejectedException(describe(result, message, answer.path("error").path("details")),
                result.status() == 0 ? null : result.status());
    }

    /**
     * Nothing reached NovaMed, it kept failing or kept rate-limiting: an outage, not a refusal. Reached only after the
     * in-doubt rule, so an ambiguous order create is never counted here.
     */
    private static boolean unavailable(CallResult result) {
        return result.outcome() == CallOutcome.CONNECTION_FAILED || result.outcome() == CallOutcome.RATE_LIMITED
                || result.outcome().ambiguous();
    }

    /**
     * Registers {@code url} for the tenant's clinic ({@code POST /api/external/webhook}); returns NovaMed's
     * {@code data.webhook_id}. Not resent after an ambiguous answer: a second registration would double every event.
     */
    public String registerWebhook(Tenant tenant, String url) {
        CallResult result = send(tenant, "POST", settings.webhook().path(),
                java.util.Map.of("clinic_id", tenant.novaMedClinicId(), "webhook_url", url), false,
                NovaMedAnswer.class);
        Optional<String> id = result.succeeded() ? result.answer(NovaMedAnswer.class,
                problem -> notTheContract(result, problem)).firstId(List.of("webhook_id")) : Optional.empty();
        if (id.isPresent()) {
            return id.get();
        }
        JsonNode answer = parse(result.body());
        throw new NovaMedRejectedException(describe(result, answer.path("error").path("message").asText(""),
                answer.path("error").path("details")), result.status() == 0 ? null : result.status());
    }

    /**
     * Removes a registration ({@code DELETE /api/external/webhook?id=}, the spec's shape; the guide shows a path
     * parameter [!]). A 404 means it is already gone: true either way once NovaMed no longer has it.
     */
    public boolean deleteWebhook(Tenant tenant, String webhookId) {
        String path = settings.webhook().path() + "?id="
                + java.net.URLEncoder.encode(webhookId, java.nio.charset.StandardCharsets.UTF_8);
        CallResult result = send(tenant, "DELETE", path, null, true, null);
        if (result.succeeded() || result.status() == 404) {
            return true;
        }
        throw new NovaMedRejectedException(describe(result, parse(result.body()).path("error").path("message")
                .asText(""), json.createObjectNode()), result.status() == 0 ? null : result.status());
    }

    /** The {@code error.retry_after} seconds of a 429 body, if any (read with the application's one mapper). */
    private Optional<Duration> retryAfter(CallResult r) {
        if (r.status() != 429 || r.body() == null) {
            return Optional.empty();
        }
        try {
            JsonNode retryAfter = json.readTree(r.body()).path("error").path("retry_after");
            return retryAfter.isNumber() ? Optional.of(Duration.ofSeconds(retryAfter.asLong())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@code problem} names a field or the kind of problem, never a value. */
    private static NovaMedRejectedException notTheContract(CallResult result, String problem) {
        return new NovaMedRejectedException("NovaMed answered " + result.status()
                + " with a body that does not match the contract (" + problem + ")", result.status());
    }

    /**
     * One call to NovaMed for the tenant, spending from its API key's shared budget on every attempt; {@code payload}
     * is a command record or map, written as JSON by the route (null: no body); a 2xx answer is read as
     * {@code answerType} (null: not read).
     */
    private CallResult send(Tenant tenant, String method, String path, Object payload, boolean retryAmbiguous,
            Class<?> answerType) {
        String target = "novamed " + method + " " + QUERY.matcher(path).replaceAll("") + " tenant=" + tenant.id();
        // One budget per API key, shared by every replica through the ledger database; every attempt spends from it.
        String budgetKey = RateBudget.budgetKey("novamed", tenant.novaMedApiKey());
        return caller.call(target, () -> {
            budget.acquire(budgetKey);
            return PartnerRequest.of(method, settings.baseUrl() + path, payload)
                    .authorizedBy(new PartnerRequest.ApiKey("x-api-key", tenant.novaMedApiKey()))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .answeredAs(answerType);
        }, new CallPolicy(retryAmbiguous, hints, () -> {
        }, answer -> budget.observe(budgetKey, answer.status(), answer.headers(), retryAfter(answer).orElse(null))));
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static String describe(CallResult result, String message, JsonNode details) {
        StringBuilder reason = new StringBuilder("NovaMed ");
        reason.append(switch (result.outcome()) {
            case REJECTED -> "rejected the request (HTTP " + result.status() + ")";
            case UNAUTHORIZED -> "refused the API key (HTTP 401)";
            case RATE_LIMITED -> "kept rate-limiting (HTTP 429)";
            case SERVER_ERROR -> "failed (HTTP " + result.status() + ") after " + result.attempts() + " attempt(s)";
            default -> "was unreachable (" + result.failure() + ") after " + result.attempts() + " attempt(s)";
        });
        if (!message.isBlank()) {
            reason.append(": ").append(message);
        }
        List<String> fields = new ArrayList<>();
        details.fieldNames().forEachRemaining(fields::add);
        if (details.isArray()) {
            details.forEach(d -> fields.add(d.path("field").asText()));
        }
        if (!fields.isEmpty()) {
            reason.append(" [fields: ").append(String.join(", ", fields)).append("]");
        }
        return reason.toString();
    }
}
