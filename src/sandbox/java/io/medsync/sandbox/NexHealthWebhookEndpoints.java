package io.medsync.sandbox;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.medsync.sandbox.NexHealthParams.BadParameter;

/**
 * Webhook endpoints and their subscriptions: {@code POST/GET /webhook_endpoints} and
 * {@code POST /webhook_endpoints/{id}/webhook_subscriptions}. Thread-safe; callers get copies.
 */
final class NexHealthWebhookEndpoints {

    /** Subscribable resource types and events (the subset of the spec's enums the sandbox knows). */
    private static final Map<String, Set<String>> EVENTS_BY_RESOURCE = Map.of(
            "Patient", Set.of("patient_created", "patient_updated"),
            "Appointment", Set.of("appointment_created", "appointment_updated", "appointment_insertion"),
            "SyncStatus", Set.of("sync_status_read_change", "sync_status_write_change"));

    /** Where and how to deliver one event: an active endpoint with a matching active subscription. */
    record Target(long endpointId, URI url, String secretKey) {
    }

    private final Map<Long, ObjectNode> endpoints = new LinkedHashMap<>();
    private final List<ObjectNode> subscriptions = new ArrayList<>();
    private final SandboxClock clock;
    private final ObjectMapper json;
    private final SecureRandom random = new SecureRandom();
    private long nextEndpointId = 1;
    private long nextSubscriptionId = 1;

    NexHealthWebhookEndpoints(SandboxClock clock, ObjectMapper json) {
        this.clock = clock;
        this.json = json;
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------------

    /** postWebhookEndpoints: body {@code {target_url, active?}} -> 201 with the endpoint and its secret_key. */
    NexHealthReply create(SandboxRequest request) {
        JsonNode body = body(request);
        String targetUrl = body.path("target_url").asText("");
        if (targetUrl.isBlank()) {
            throw new BadParameter("target_url is missing");
        }
        URI url;
        try {
            url = URI.create(targetUrl.trim());
        } catch (IllegalArgumentException e) {
            throw new BadParameter("target_url is invalid");
        }
        // NexHealth documents HTTPS targets; the sandbox also takes http so tests can use a local receiver.
        if (!"https".equalsIgnoreCase(url.getScheme()) && !"http".equalsIgnoreCase(url.getScheme())
                || url.getHost() == null) {
            throw new BadParameter("target_url is invalid");
        }
        boolean active = optionalBoolean(body, "active").orElse(true);
        return NexHealthReply.ok(201, NexHealthReply.LEGACY, "Webhook endpoint created", add(url, active));
    }

    /** getWebhookEndpoints, optionally filtered by {@code active}. */
    NexHealthReply list(SandboxRequest request) {
        Optional<Boolean> active = NexHealthParams.optionalBoolean(request, "active");
        List<ObjectNode> matching = endpoints().stream()
                .filter(e -> active.isEmpty() || e.get("active").asBoolean() == active.get()).toList();
        return NexHealthReply.list(NexHealthReply.LEGACY, "Webhook endpoints found", matching);
    }

    /** postWebhookEndpointsIdWebhookSubscriptions; the caller has checked the subdomain. */
    NexHealthReply subscribe(long endpointId, SandboxRequest request) {
        JsonNode body = body(request);
        String resourceType = body.path("resource_type").asText("");
        String event = body.path("event").asText("");
        if (resourceType.isBlank() || event.isBlank()) {
            throw new BadParameter("resource_type and event are required");
        }
        if (!EVENTS_BY_RESOURCE.getOrDefault(resourceType, Set.of()).contains(event)) {
            throw new BadParameter("event does not belong to resource_type or is not supported");
        }
        boolean active = optionalBoolean(body, "active").orElse(true);
        synchronized (this) {
            if (!endpoints.containsKey(endpointId)) {
                return NexHealthReply.notFound(NexHealthReply.JSON, "Webhook endpoint not found");
            }
            String now = SandboxSeed.TIMESTAMP.format(clock.instant());
            ObjectNode s = JsonNodeFactory.instance.objectNode();
            s.put("id", nextSubscriptionId++);
            s.put("webhook_endpoint_id", endpointId);
            s.put("institution_id", SandboxSeed.INSTITUTION_ID);
            s.put("resource_type", resourceType);
            s.put("event", event);
            s.put("active", active);
            s.put("created_at", now);
            s.put("updated_at", now);
            subscriptions.add(s);
            return NexHealthReply.ok(201, NexHealthReply.JSON, "Webhook subscription created", s.deepCopy());
        }
    }

    // ---- state --------------------------------------------------------------------------------------------------

    synchronized ObjectNode add(URI url, boolean active) {
        String now = SandboxSeed.TIMESTAMP.format(clock.instant());
        byte[] secret = new byte[16];
        random.nextBytes(secret);
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("id", nextEndpointId++);
        e.put("target_url", url.toString());
        e.put("secret_key", HexFormat.of().formatHex(secret));
        e.put("active", active);
        e.put("created_at", now);
        e.put("updated_at", now);
        endpoints.put(e.get("id").asLong(), e);
        return e.deepCopy();
    }

    synchronized List<ObjectNode> endpoints() {
        return endpoints.values().stream().map(ObjectNode::deepCopy).toList();
    }

    synchronized List<ObjectNode> subscriptions() {
        return subscriptions.stream().map(ObjectNode::deepCopy).toList();
    }

    synchronized Optional<Target> target(long endpointId) {
        return Optional.ofNullable(endpoints.get(endpointId)).map(NexHealthWebhookEndpoints::toTarget);
    }

    synchronized boolean isActive(long endpointId) {
        ObjectNode e = endpoints.get(endpointId);
        return e != null && e.get("active").asBoolean();
    }

    /** What NexHealth does after the last retry failed. */
    synchronized void deactivate(long endpointId) {
        ObjectNode e = endpoints.get(endpointId);
        if (e != null) {
            e.put("active", false);
            e.put("updated_at", SandboxSeed.TIMESTAMP.format(clock.instant()));
        }
    }

    /** Active endpoints with an active subscription to {@code event}. */
    synchronized List<Target> targetsFor(WebhookEvent event) {
        return endpoints.values().stream()
                .filter(e -> e.get("active").asBoolean())
                .filter(e -> subscriptions.stream().anyMatch(s -> s.get("active").asBoolean()
                        && s.get("webhook_endpoint_id").asLong() == e.get("id").asLong()
                        && s.get("resource_type").asText().equals(event.resourceType())
                        && s.get("event").asText().equals(event.eventName())))
                .map(NexHealthWebhookEndpoints::toTarget)
                .toList();
    }

    private static Target toTarget(ObjectNode e) {
        return new Target(e.get("id").asLong(), URI.create(e.get("target_url").asText()),
                e.get("secret_key").asText());
    }

    private JsonNode body(SandboxRequest request) {
        try {
            JsonNode body = json.readTree(request.body());
            if (body == null || !body.isObject()) {
                throw new BadParameter("Request body must be a JSON object");
            }
            return body;
        } catch (IOException e) {
            throw new BadParameter("Request body is not valid JSON");
        }
    }

    private static Optional<Boolean> optionalBoolean(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw new BadParameter(name + " is invalid");
        }
        return Optional.of(value.asBoolean());
    }
}
