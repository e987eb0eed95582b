package io.medsync.web;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * The JSON error shape of {@link OpsErrors} for what the framework refuses before a resource method runs: unknown
 * paths, unsupported methods (405 with {@code Allow}), unacceptable or unsupported media types (406, 415) and bodies
 * that are not the JSON asked for. A client error is one WARN line with its status and code: no stack trace, and
 * neither the path nor the body (both are the caller's input and may hold anything).
 */
public class ClientErrors {

    private static final Logger LOG = Logger.getLogger(ClientErrors.class);

    /** Exchanges whose headers a JSON error keeps (the {@code Allow} of a 405, the {@code Retry-After} of a 429). */
    private static final List<String> KEPT_HEADERS = List.of(HttpHeaders.ALLOW, HttpHeaders.RETRY_AFTER,
            HttpHeaders.WWW_AUTHENTICATE);

    private final AllowedMethods allowed;

    ClientErrors(AllowedMethods allowed) {
        this.allowed = allowed;
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json);
        }
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (status < 400 || status >= 500) {
            LOG.errorf("request failed with %d (%s)", status, e.getClass().getSimpleName());
            return OpsErrors.of(Response.Status.INTERNAL_SERVER_ERROR, "internal_error", "the request failed");
        }
        String code = codeOf(status);
        Response.ResponseBuilder answer = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", code, "message", messageOf(status)));
        KEPT_HEADERS.forEach(header -> {
            Object value = original.getHeaders().getFirst(header);
            if (value != null) {
                answer.header(header, value);
            }
        });
        if (status == 405 && original.getHeaders().getFirst(HttpHeaders.ALLOW) == null) {
            answer.header(HttpHeaders.ALLOW, allowed.allowFor(uri.getPath()));
        }
        LOG.warnf("client error %d %s", status, code);
        return answer.build();
    }

    /** A 4xx some framework step answered without a body (an unreadable entity, say) gets the JSON shape too. */
    @ServerResponseFilter
    public void emptyClientError(ContainerResponseContext response) {
        int status = response.getStatus();
        if (status >= 400 && status < 500 && !response.hasEntity()) {
            LOG.warnf("client error %d %s", status, codeOf(status));
            response.setEntity(Map.of("error", codeOf(status), "message", messageOf(status)), null,
                    MediaType.APPLICATION_JSON_TYPE);
        }
    }

    /** More specific than the framework's own mapper of this type, whose body names the target class's fields. */
    @ServerExceptionMapper
    public Response unexpectedShape(MismatchedInputException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        String message;
        if (causedBy(e, StreamConstraintsException.class)) {
            message = "JSON body exceeds a limit (nesting deeper than " + JsonLimits.MAX_NESTING_DEPTH
                    + " levels, or an oversized value)";
        } else if (isDuplicateKey(e)) {
            message = "JSON body has a duplicate key";
        } else if (e instanceof MismatchedInputException) {
            message = "JSON body does not have the expected shape";
        } else {
            message = "body is not valid JSON";
        }
        JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            message += " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        }
        LOG.warnf("client error 400 bad_request: %s", e.getClass().getSimpleName());
        return OpsErrors.of(Response.Status.BAD_REQUEST, "bad_request", message);
    }

    /** A body refused by {@link JsonLimits} (too deep, an oversized value, a duplicate key), not by its syntax. */
    public static boolean exceedsJsonLimits(JsonProcessingException e) {
        return causedBy(e, StreamConstraintsException.class) || isDuplicateKey(e);
    }

    private static boolean isDuplicateKey(JsonProcessingException e) {
        return e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field");
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    static String codeOf(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 429 -> "rate_limited";
            case 431 -> "headers_too_large";
            default -> "client_error";
        };
    }

    static String messageOf(int status) {
        return switch (status) {
            case 404 -> "no such resource";
            case 405 -> "method not allowed here; see the Allow header";
            case 406 -> "this resource answers application/json only";
            case 413 -> "request body too large";
            case 414 -> "request URI too long";
            case 415 -> "unsupported Content-Type for this resource";
            case 429 -> "too many requests; see the Retry-After header";
            case 431 -> "request headers too large";
            default -> "the request was refused";
        };
    }
}
