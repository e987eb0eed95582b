package io.medsync.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request to a partner as it goes out on one attempt (built afresh per attempt, so refreshed credentials apply).
 * {@code payload} is sent as is when it is bytes or text; any other value is a payload record written as JSON by the
 * partner's route (Camel Jackson, the application's one ObjectMapper). Headers carry credentials and the payload PHI:
 * neither is ever logged.
 *
 * @param credential what the partner's authorization step turns into its header (null: none)
 * @param answerType the record a 2xx answer is read into by the partner's route (Camel Jackson); null: kept as text
 */
public record PartnerRequest(String method, String url, Map<String, String> headers, Credential credential,
        Object payload, Class<?> answerType) {

    public PartnerRequest {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public PartnerRequest(String method, String url, Map<String, String> headers, Credential credential,
            Object payload) {
        this(method, url, headers, credential, payload, null);
    }

    public static PartnerRequest get(String url) {
        return new PartnerRequest("GET", url, Map.of(), null, null);
    }

    public static PartnerRequest post(String url, Object payload) {
        return new PartnerRequest("POST", url, Map.of(), null, payload);
    }

    public static PartnerRequest of(String method, String url, Object payload) {
        return new PartnerRequest(method, url, Map.of(), null, payload);
    }

    public PartnerRequest header(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new PartnerRequest(method, url, more, credential, payload, answerType);
    }

    public PartnerRequest authorizedBy(Credential credential) {
        return new PartnerRequest(method, url, headers, credential, payload, answerType);
    }

    /** A 2xx answer is read into {@code type} ({@link CallResult#answer}); error answers stay text for the caller. */
    public PartnerRequest answeredAs(Class<?> type) {
        return new PartnerRequest(method, url, headers, credential, payload, type);
    }

    /** Never the URL (its query can hold search values), a header or the payload: only the method. */
    @Override
    public String toString() {
        return "PartnerRequest[" + method + "]";
    }

    /** A credential as the partner names it; {@link PartnerAuthorization} writes it into the request's headers. */
    public sealed interface Credential {
    }

    /** {@code Authorization: Bearer <token>}. */
    public record Bearer(String token) implements Credential {
        @Override
        public String toString() {
            return "Bearer[***]";
        }
    }

    /** A key sent in the partner's own header, e.g. {@code x-api-key} or NexHealth's bare {@code Authorization}. */
    public record ApiKey(String header, String key) implements Credential {
        @Override
        public String toString() {
            return "ApiKey[" + header + "=***]";
        }
    }

    /** HTTP Basic with the client's id and secret, each form-encoded first (RFC 6749 2.3.1). */
    public record Basic(String user, String password) implements Credential {
        @Override
        public String toString() {
            return "Basic[***]";
        }
    }
}
