package io.medsync.sandbox;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * NovaMed's webhooks (contracts README 1.8): URLs registered per clinic, and deliveries to every URL of a clinic as
 * {@code {"event_name", "event_data"}} with the {@code x-api-key} header (no signature, as at NovaMed), retried on
 * NovaMed's schedule (immediate, 1, 5, 15 min, 1 h; failed after 5 attempts). Every attempt is recorded for tests;
 * logs carry webhook ids, event names and statuses only.
 */
public final class NovaMedWebhooks implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(NovaMedWebhooks.class.getName());

    /** A registered URL. */
    public record Registration(UUID id, String clinicId, URI url, Instant createdAt) {
    }

    /** One delivery attempt; {@code status} 0 = no answer (connection refused, timeout). */
    public record Delivery(UUID webhookId, URI target, String event, String eventId, int status, int attempt,
            Instant sentAt) {

        public boolean succeeded() {
            return status >= 200 && status < 300;
        }
    }

    private final String secret;
    private final SandboxClock clock;
    private final ObjectMapper json;
    private final RetryingWebhookPoster poster;
    private final Map<UUID, Registration> registrations = new LinkedHashMap<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    NovaMedWebhooks(String secret, double retryScale, SandboxClock clock, ObjectMapper json) {
        this.secret = secret;
        this.clock = clock;
        this.json = json;
        this.poster = new RetryingWebhookPoster("sandbox-novamed-webhooks",
                new WebhookRetrySchedule(WebhookRetrySchedule.NOVAMED, retryScale));
    }

    /**
     * NovaMed accepts HTTPS URLs only; the sandbox also accepts plain HTTP to 127.0.0.1 / localhost, where the app
     * under test listens. Returns the problem with {@code url}, if any.
     */
    static Optional<String> urlProblem(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Optional.of("must be a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty()) {
            return Optional.of("must be an absolute URL");
        }
        boolean loopback = host.equals("127.0.0.1") || host.equals("localhost");
        return scheme.equals("https") || (scheme.equals("http") && loopback) ? Optional.empty()
                : Optional.of("must be an HTTPS URL");
    }

    synchronized Registration register(String clinicId, String url) {
        Registration registration = new Registration(UUID.randomUUID(), clinicId, URI.create(url), clock.instant());
        registrations.put(registration.id(), registration);
        return registration;
    }

    synchronized boolean unregister(UUID id) {
        return registrations.remove(id) != null;
    }

    public synchronized List<Registration> registrations() {
        return List.copyOf(registrations.values());
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Sends {@code event_name} with {@code data} to every URL of the clinic; returns how many URLs. */
    int emit(String clinicId, String eventName, String eventId, ObjectNode data) {
        ObjectNode body = json.createObjectNode();
        body.put("event_name", eventName);
        body.set("event_data", data);
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a NovaMed webhook", e);
        }
        List<Registration> targets;
        synchronized (this) {
            targets = registrations.values().stream().filter(r -> r.clinicId().equalsIgnoreCase(clinicId)).toList();
        }
        Map<String, String> headers = Map.of("x-api-key", secret, "Content-Type", "application/json");
        for (Registration target : targets) {
            poster.post(target.url(), () -> headers, bytes, () -> registered(target.id()),
                    (attempt, status) -> {
                        deliveries.add(new Delivery(target.id(), target.url(), eventName, eventId, status, attempt,
                                clock.instant()));
                        LOG.log(Level.DEBUG, "NovaMed webhook {0} to {1}, attempt {2} -> {3}", eventName,
                                target.id(), attempt, status);
                    });
        }
        return targets.size();
    }

    private synchronized boolean registered(UUID id) {
        return registrations.containsKey(id);
    }

    @Override
    public void close() {
        poster.close();
    }
}
