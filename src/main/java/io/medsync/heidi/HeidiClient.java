package io.medsync.heidi;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response.Status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.medsync.http.CallOutcome;
import io.medsync.http.CallPolicy;
import io.medsync.http.CallResult;
import io.medsync.http.ExpiringTokenCache;
import io.medsync.http.HttpSettings;
import io.medsync.http.OutboundCaller;
import io.medsync.http.PartnerRequest;
import io.medsync.http.RateLimitHints;

/**
 * Heidi Health Open API (contracts README section 4): {@code GET /jwt} with the region's {@code Heidi-Api-Key},
 * then patient profiles and sessions with the clinician's bearer JWT. A person waits on every call, so a 429 is
 * passed on at once with Heidi's reset instead of being waited out. Errors carry statuses and Heidi's error
 * {@code type}, never a key, a token or a body.
 */
@ApplicationScoped
public class HeidiClient {

    /** The error code of a 404 from Heidi, e.g. a patient profile it no longer has. */
    public static final String NOT_FOUND = "heidi_not_found";

    private final OutboundCaller caller;
    private final HttpSettings http;
    private final ObjectMapper json;

    HeidiClient(OutboundCaller caller, HttpSettings http, ObjectMapper json) {
        this.caller = caller;
        this.http = http;
        this.json = json;
    }

    /** A widget JWT for the Heidi API user of this region's key and (email, EHR user id). */
    public ExpiringTokenCache.IssuedToken jwt(HeidiRegion region, String email, String ehrUserId) {
        String target = "heidi GET /jwt region=" + region.name();
        String url = region.baseUrl() + "/jwt?email=" + encode(email) + "&third_party_internal_id="
                + encode(ehrUserId);
        // GET is safe to repeat. A 401 gets the one re-attempt every caller makes; the key itself cannot be renewed.
        CallResult result = caller.call(target, () -> PartnerRequest.get(url)
                .authorizedBy(new PartnerRequest.ApiKey("Heidi-Api-Key", region.apiKey()))
                .header("Accept", "application/json")
                .answeredAs(HeidiAnswers.Jwt.class), new CallPolicy(true, RateLimitHints.RETRY_AFTER_SECONDS, () -> {
                }).failFastWhenRateLimited());
        if (result.outcome() == CallOutcome.UNAUTHORIZED || result.status() == 403) {
            throw new HeidiBrokerException(Status.BAD_GATEWAY, "heidi_rejected_key",
                    "Heidi refused the API key of region " + region.name() + " (HTTP " + result.status()
                    + errorType(result) + "): an operator must check medsync.heidi.regions." + region.name() + ".api-key-ref");
        }
        HeidiAnswers.Jwt jwt = answer(target, result, HeidiAnswers.Jwt.class);
        if (jwt.token() == null || jwt.token().isBlank()) {
            throw badAnswer(target, "no token");
        }
        if (jwt.expirationTime() == null) {
            throw badAnswer(target, "no expiration_time");
        }
        return new ExpiringTokenCache.IssuedToken(jwt.token(), jwt.expirationTime());
    }

    /** {@code POST /patient-profiles}: a new profile holding only the EHR patient id; returns Heidi's profile id. */
    public String createPatientProfile(HeidiRegion region, BearerSource bearer, String ehrPatientId) {
        String target = "heidi POST /patient-profiles region=" + region.name();
        HeidiAnswers.Id created = post(region, bearer, "/patient-profiles", Map.of("ehr_patient_id", ehrPatientId),
                target, HeidiAnswers.PatientProfileCreated.class).data();
        if (created == null || created.id() == null || created.id().isBlank()) {
            throw badAnswer(target, "no data.id");
        }
        return created.id();
    }

    /** {@code POST /sessions} linked to a patient profile and the EHR appointment; returns the session id. */
    public String createSession(HeidiRegion region, BearerSource bearer, String patientProfileId,
            String ehrAppointmentId) {
        String target = "heidi POST /sessions region=" + region.name();
        String id = post(region, bearer, "/sessions", Map.of("patient_profile_id", patientProfileId,
                "ehr_appointment_id", ehrAppointmentId), target, HeidiAnswers.SessionCreated.class).sessionId();
        if (id == null || id.isBlank()) {
            throw badAnswer(target, "no session_id");
        }
        return id;
    }

    /**
     * Creates are not resent after a 5xx or a lost answer (Heidi documents no deduplication): the front end may
     * ask again; at worst Heidi holds an unused empty profile or session.
     */
    private <A> A post(HeidiRegion region, BearerSource bearer, String path, Map<String, String> fields,
            String target, Class<A> answer) {
        String url = region.baseUrl() + path;
        AtomicReference<String> used = new AtomicReference<>();
        CallResult result = caller.call(target, () -> {
            used.set(bearer.token());
            return PartnerRequest.post(url, fields)
                    .authorizedBy(new PartnerRequest.Bearer(used.get()))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .answeredAs(answer);
        }, new CallPolicy(false, RateLimitHints.RETRY_AFTER_SECONDS, () -> bearer.rejected(used.get()))
                .failFastWhenRateLimited());
        if (result.outcome() == CallOutcome.UNAUTHORIZED || result.status() == 403) {
            throw new HeidiBrokerException(Status.BAD_GATEWAY, "heidi_rejected_token", target
                    + ": Heidi refused a freshly issued token (HTTP " + result.status() + errorType(result) + ")");
        }
        return answer(target, result, answer);
    }

    /** The answer of a successful call, as the partner route read it, or the broker error the failure maps to. */
    private <A> A answer(String target, CallResult result, Class<A> type) {
        switch (result.outcome()) {
            case SUCCESS -> {
                return result.answer(type, problem -> badAnswer(target, problem));
            }
            case RATE_LIMITED -> throw new HeidiBrokerException(Status.SERVICE_UNAVAILABLE, "heidi_rate_limited",
                    target + ": Heidi is rate limiting; try again later",
                    RateLimitHints.RETRY_AFTER_SECONDS.waitAfter(result).orElse(http.defaultRateLimitWait()));
            case AMBIGUOUS_IO -> throw new HeidiBrokerException("timeout".equals(result.failure())
                    ? Status.GATEWAY_TIMEOUT : Status.SERVICE_UNAVAILABLE, "heidi_unavailable",
                    target + ": no answer from Heidi (" + result.failure() + " after " + result.attempts()
                            + " attempt(s))");
            case SERVER_ERROR, CONNECTION_FAILED -> throw new HeidiBrokerException(Status.SERVICE_UNAVAILABLE,
                    "heidi_unavailable", target + ": Heidi is unavailable (" + (result.status() > 0 ? "HTTP "
                            + result.status() : result.failure()) + " after " + result.attempts() + " attempt(s))");
            default -> throw new HeidiBrokerException(Status.BAD_GATEWAY, result.status() == 404 ? NOT_FOUND
                    : "heidi_rejected", target
                    + ": Heidi refused the request (HTTP " + result.status() + errorType(result) + ")");
        }
    }

    /** ", <detail.type>" of Heidi's error body {@code {"detail":{"msg","type"}}}; the msg may echo input, so not it. */
    private String errorType(CallResult result) {
        if (result.body() == null || result.body().isBlank()) {
            return "";
        }
        try {
            JsonNode type = json.readTree(result.body()).path("detail").path("type");
            return type.isTextual() && type.asText().matches("[A-Za-z0-9_.]{1,64}") ? ", " + type.asText() : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static HeidiBrokerException badAnswer(String target, String problem) {
        return new HeidiBrokerException(Status.BAD_GATEWAY, "heidi_bad_answer",
                target + ": Heidi answered with a body that does not match the contract (" + problem + ")");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
