package io.medsync.heidi;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The broker's failures as JSON ({@code {"error","message"}} like every endpoint of ours, plus {@code retry_after}
 * seconds and a {@code Retry-After} header when the caller should come back later).
 */
public class HeidiErrors {

    private static final Logger LOG = Logger.getLogger(HeidiErrors.class);

    @ServerExceptionMapper
    public Response brokerFailure(HeidiBrokerException e) {
        if (e.status().getStatusCode() >= 500) {
            LOG.warnf("Heidi broker: %s (%s)", e.getMessage(), e.error());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.error());
        body.put("message", e.getMessage());
        Response.ResponseBuilder response = Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE);
        e.retryAfter().ifPresent(wait -> {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            body.put("retry_after", seconds);
            response.header("Retry-After", seconds);
        });
        return response.entity(body).build();
    }
}
