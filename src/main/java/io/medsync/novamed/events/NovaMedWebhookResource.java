package io.medsync.novamed.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.OptionalLong;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.apache.camel.ProducerTemplate;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.medsync.ledger.LedgerException;
import io.medsync.novamed.NovaMedSettings;
import io.medsync.web.OpsErrors;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * {@code POST /webhooks/novamed}: checks the {@code x-api-key} NovaMed sends, stores the event (ids only) and
 * answers 200 at once, well inside NovaMed's 5 s; {@link NovaMedEventRoutes} processes it afterwards (at once, or
 * at the next sweep with {@code process-on-receipt=false}). A repeated
 * delivery (NovaMed retries until it gets a 200) is acknowledged and not stored again.
 */
@Path("/webhooks/novamed")
public class NovaMedWebhookResource {

    private static final Logger LOG = Logger.getLogger(NovaMedWebhookResource.class);

    private final NovaMedSettings settings;
    private final NovaMedEventInbox inbox;
    private final ObjectMapper json;
    private final ProducerTemplate producer;
    private final MeterRegistry metrics;

    NovaMedWebhookResource(NovaMedSettings settings, NovaMedEventInbox inbox, ObjectMapper json,
            ProducerTemplate producer, MeterRegistry metrics) {
        this.settings = settings;
        this.inbox = inbox;
        this.json = json;
        this.producer = producer;
        this.metrics = metrics;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(@HeaderParam("x-api-key") String apiKey, byte[] body) {
        if (!authentic(apiKey)) {
            LOG.warn("NovaMed webhook refused: missing or wrong x-api-key");
            return OpsErrors.of(Response.Status.UNAUTHORIZED, "unauthorized",
                    "x-api-key is missing or is not the configured NovaMed webhook secret");
        }
        NovaMedEvent event;
        try {
            event = NovaMedEvent.from(json.readTree(body));
        } catch (IOException e) {
            return OpsErrors.of(Response.Status.BAD_REQUEST, "bad_request", "body is not JSON");
        } catch (IllegalArgumentException e) {
            return OpsErrors.of(Response.Status.BAD_REQUEST, "bad_request", e.getMessage());
        }
        OptionalLong stored;
        try {
            stored = inbox.store(event);
        } catch (LedgerException e) {
            // Not stored, so not acknowledged: NovaMed retries (1, 5, 15 min, 1 h) and loses nothing.
            LOG.warnf("NovaMed webhook %s not stored: %s", NovaMedEventName.label(event.name()), e.getMessage());
            return OpsErrors.of(Response.Status.SERVICE_UNAVAILABLE, "unavailable",
                    "the event could not be stored; retry later");
        }
        if (stored.isEmpty()) {
            metrics.counter("medsync.novamed.events", Tags.of("event", NovaMedEventName.label(event.name()),
                    "outcome", "duplicate")).increment();
            return Response.ok(Map.of("status", "duplicate")).build();
        }
        if (settings.webhook().processOnReceipt()) {
            producer.sendBody(NovaMedEventRoutes.QUEUE, stored.getAsLong());
        }
        return Response.ok(Map.of("status", "accepted", "id", stored.getAsLong())).build();
    }

    /** Constant-time comparison; without a configured secret nothing is authentic. */
    private boolean authentic(String apiKey) {
        String secret = settings.webhook().secret().filter(s -> !s.isBlank()).orElse(null);
        return secret != null && apiKey != null && MessageDigest.isEqual(
                secret.getBytes(StandardCharsets.UTF_8), apiKey.getBytes(StandardCharsets.UTF_8));
    }
}
