package io.medsync.nexhealth;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.apache.camel.ProducerTemplate;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.medsync.ledger.WebhookInbox;
import io.medsync.tenant.TenantRegistry;
import io.medsync.web.OpsErrors;

/**
 * {@code POST /webhooks/nexhealth}: verifies the signature, stores the event (ids only) and answers at once; the
 * targeted sync runs afterwards, off the request. NexHealth retries non-2xx answers, so only deliveries we can
 * never accept get a 4xx.
 */
@Path("/webhooks/nexhealth")
public class NexHealthWebhookResource {

    private static final Logger LOG = Logger.getLogger(NexHealthWebhookResource.class);
    /** NexHealth's record ids are numbers; anything else is refused at intake instead of failing later. */
    private static final java.util.regex.Pattern NEXHEALTH_ID = java.util.regex.Pattern.compile("[0-9]{1,18}");
    static final Set<String> EVENTS = Set.of("patient_created", "patient_updated", "appointment_created",
            "appointment_updated");

    private final NexHealthWebhookVerifier verifier;
    private final NexHealthSettings settings;
    private final WebhookInbox inbox;
    private final TenantRegistry tenants;
    private final ObjectMapper json;
    private final ProducerTemplate producer;

    NexHealthWebhookResource(NexHealthWebhookVerifier verifier, NexHealthSettings settings, WebhookInbox inbox,
            TenantRegistry tenants, ObjectMapper json, ProducerTemplate producer) {
        this.verifier = verifier;
        this.settings = settings;
        this.inbox = inbox;
        this.tenants = tenants;
        this.json = json;
        this.producer = producer;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(byte[] body, HttpHeaders headers) {
        try {
            verifier.verify(headers.getHeaderString(settings.webhook().timestampHeader()),
                    headers.getHeaderString(settings.webhook().signatureHeader()), body);
        } catch (NexHealthWebhookVerifier.Rejected rejected) {
            LOG.warnf("NexHealth webhook refused: %s", rejected.getMessage());
            return rejected.malformed()
                    ? OpsErrors.of(Response.Status.BAD_REQUEST, "bad_request", rejected.getMessage())
                    : OpsErrors.of(Response.Status.UNAUTHORIZED, "unauthorized", rejected.getMessage());
        }
        JsonNode event;
        try {
            event = json.readTree(body);
        } catch (IOException e) {
            return OpsErrors.of(Response.Status.BAD_REQUEST, "bad_request", "body is not JSON");
        }
        String eventName = event.path("event_name").asText("");
        String subdomain = event.path("subdomain").asText("");
        if (!EVENTS.contains(eventName)) {
            // Acknowledged so NexHealth does not retry an event we have no use for.
            return Response.ok(Map.of("status", "ignored", "reason", "event not handled")).build();
        }
        if (tenants.all().stream().noneMatch(t -> t.nexHealthLocations().stream()
                .anyMatch(l -> l.subdomain().equals(subdomain)))) {
            return OpsErrors.of(Response.Status.NOT_FOUND, "unknown_tenant",
                    "no tenant is configured for NexHealth subdomain '" + subdomain + "'");
        }
        String resourceType = eventName.startsWith("patient") ? "patient" : "appointment";
        List<String> ids = resourceIds(event.path("data"), resourceType);
        if (ids.isEmpty()) {
            return OpsErrors.of(Response.Status.BAD_REQUEST, "bad_request", "data holds no " + resourceType + " id");
        }
        if (!ids.stream().allMatch(id -> NEXHEALTH_ID.matcher(id).matches())) {
            return OpsErrors.of(Response.Status.BAD_REQUEST, "bad_request", resourceType + " ids must be numeric");
        }
        // A valid signature seen before inside the window: NexHealth's retry or a replay, stored already.
        Instant now = Instant.now();
        if (!inbox.firstSighting("nexhealth", headers.getHeaderString(settings.webhook().signatureHeader()),
                now.minus(settings.webhook().timestampTolerance().multipliedBy(2)))) {
            LOG.infof("NexHealth webhook %s seen before: acknowledged without new work", eventName);
            return Response.ok(Map.of("status", "duplicate")).build();
        }
        for (String id : ids) {
            long inboxId = inbox.add("nexhealth", eventName, subdomain, resourceType, id,
                    event.path("event_time").asText(null));
            producer.sendBody(NexHealthWebhookRoutes.QUEUE, inboxId);
        }
        return Response.status(Response.Status.ACCEPTED).entity(Map.of("status", "accepted", "events", ids.size()))
                .build();
    }

    /** {@code data.patient}, {@code data.patients[]} (or appointment/appointments): their ids. */
    private static List<String> resourceIds(JsonNode data, String type) {
        java.util.ArrayList<String> ids = new java.util.ArrayList<>();
        if (data.path(type).path("id").isValueNode()) {
            ids.add(data.path(type).path("id").asText());
        }
        data.path(type + "s").forEach(item -> {
            if (item.path("id").isValueNode()) {
                ids.add(item.path("id").asText());
            }
        });
        return ids;
    }
}
