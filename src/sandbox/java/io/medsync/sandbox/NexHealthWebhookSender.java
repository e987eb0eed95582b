package io.medsync.sandbox;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Delivers NexHealth webhooks (NexHealth -> app) to the registered endpoints, asynchronously: signed JSON POSTs,
 * retried on NexHealth's schedule by {@link RetryingWebhookPoster} on non-2xx answers and I/O errors, after which the
 * endpoint is deactivated. Every attempt is recorded for tests. Logs carry endpoint ids, event names and statuses
 * only, never bodies (they hold PHI).
 */
public final class NexHealthWebhookSender implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(NexHealthWebhookSender.class.getName());
    private static final String HMAC = "HmacSHA256";

    private final NexHealthWebhookEndpoints endpoints;
    private final SandboxClock clock;
    private final ObjectMapper json;
    private final String subdomain;
    private final List<WebhookDelivery> deliveries = new CopyOnWriteArrayList<>();
    private final RetryingWebhookPoster poster;

    NexHealthWebhookSender(NexHealthWebhookEndpoints endpoints, SandboxClock clock, ObjectMapper json,
            double retryScale, String subdomain) {
        this.endpoints = endpoints;
        this.clock = clock;
        this.json = json;
        this.subdomain = subdomain;
        this.poster = new RetryingWebhookPoster("sandbox-nexhealth-webhooks", new WebhookRetrySchedule(retryScale));
    }

    /**
     * Queues {@code event} about {@code resource} (a patient or appointment list item) for every active endpoint
     * subscribed to it; returns how many endpoints will receive it.
     */
    public int publish(WebhookEvent event, ObjectNode resource) {
        List<NexHealthWebhookEndpoints.Target> targets = endpoints.targetsFor(event);
        Instant eventTime = clock.instant();
        for (NexHealthWebhookEndpoints.Target target : targets) {
            deliver(target, event, resource.get("id").asLong(), payload(event, resource, eventTime));
        }
        return targets.size();
    }

    /** Every attempt so far, in the order they completed. */
    public List<WebhookDelivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** The JSON body NexHealth posts for {@code event}. */
    public byte[] payload(WebhookEvent event, ObjectNode resource, Instant eventTime) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("resource_type", event.resourceType());
        body.put("event_name", event.eventName());
        body.put("event_time", iso(eventTime));
        body.put("subdomain", subdomain);
        body.put("institution_id", SandboxSeed.INSTITUTION_ID);
        body.putObject("data").putArray(event.dataKey()).add(resource.deepCopy());
        body.putArray("delivery_errors");
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise webhook payload", e);
        }
    }

    /** The request for {@code body} to {@code target}, signed now with the target's secret. */
    SignedWebhookRequest sign(NexHealthWebhookEndpoints.Target target, byte[] body) {
        String timestamp = iso(clock.instant());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(SignedWebhookRequest.TIMESTAMP_HEADER, timestamp);
        headers.put(SignedWebhookRequest.SIGNATURE_HEADER, signature(target.secretKey(), timestamp, body));
        headers.put("Content-Type", "application/json");
        return new SignedWebhookRequest(target.url(), headers, body);
    }

    /**
     * NexHealth's signature: lowercase hex HMAC-SHA256, keyed with the endpoint's {@code secret_key} (UTF-8), over
     * {@code timestamp + "." + base64(body)} (standard base64 with padding).
     */
    public static String signature(String secretKey, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), HMAC));
            String signed = timestamp + "." + Base64.getEncoder().encodeToString(body);
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    @Override
    public void close() {
        poster.close();
    }

    /** Posts to one endpoint, signed afresh on every attempt; deactivates the endpoint when NexHealth gives up. */
    private void deliver(NexHealthWebhookEndpoints.Target target, WebhookEvent event, long resourceId, byte[] body) {
        long endpointId = target.endpointId();
        poster.post(target.url(), () -> sign(target, body).headers(), body, () -> endpoints.isActive(endpointId),
                new RetryingWebhookPoster.Listener() {
                    @Override
                    public void attempted(int attempt, int status) {
                        deliveries.add(new WebhookDelivery(endpointId, target.url(), event.eventName(), resourceId,
                                status, attempt, clock.instant()));
                        LOG.log(Level.DEBUG, "Webhook {0} to endpoint {1}, attempt {2} -> {3}", event.eventName(),
                                endpointId, attempt, status);
                    }

                    @Override
                    public void gaveUp(int attempts) {
                        endpoints.deactivate(endpointId);
                        LOG.log(Level.INFO, "Webhook endpoint {0} deactivated after {1} failed attempts", endpointId,
                                attempts);
                    }
                });
    }

    private static String iso(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }
}
