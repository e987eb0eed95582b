package io.medsync.novamed.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The parts of a NovaMed webhook body we keep: ids, rx number, shipment id and provider, the tracking URL (sealed
 * when stored) and whether a shipping label came. Names, emails and phones ({@code practitioner:activated}) and the
 * label URL are dropped here, so they never reach the database.
 *
 * @param key the dedupe key with {@code name}: {@code event_data.id}, or {@code practitioner_id} for a
 *            practitioner event (NovaMed sends no event id)
 */
public record NovaMedEvent(String name, String key, String clinicId, String orderId, String patientId,
        String practitionerId, String rxNumber, String shipmentId, String shipmentProvider, String trackingUrl,
        boolean labelPresent) {

    private static final int MAX_ID = 64;
    /** Sealed, a URL this long still fits its column (4000). */
    private static final int MAX_URL = 2000;

    /** Reads a delivery body; {@link IllegalArgumentException} names what is missing or malformed. */
    public static NovaMedEvent from(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("body must be a JSON object {\"event_name\", \"event_data\"}");
        }
        String name = text(body, "event_name")
                .orElseThrow(() -> new IllegalArgumentException("event_name is missing"));
        if (name.length() > MAX_ID) {
            throw new IllegalArgumentException("event_name is longer than " + MAX_ID + " characters");
        }
        JsonNode data = body.path("event_data");
        if (!data.isObject()) {
            throw new IllegalArgumentException("event_data must be an object");
        }
        boolean practitionerEvent = NovaMedEventName.PRACTITIONER_ACTIVATED.wireName().equals(name);
        String key = key(name, data);
        String trackingUrl = text(data, "tracking_url").orElse(null);
        if (trackingUrl != null && trackingUrl.length() > MAX_URL) {
            throw new IllegalArgumentException("event_data.tracking_url is longer than " + MAX_URL + " characters");
        }
        return new NovaMedEvent(name, id(key, "event_data.id"), id(data, "clinic_id"),
                practitionerEvent ? null : id(data, "id"), id(data, "patient_id"), id(data, "practitioner_id"),
                id(data, "rx_number"), id(data, "shipment_id"), id(data, "shipment_provider"), trackingUrl,
                text(data, "shipping_label").isPresent());
    }

    /**
     * NovaMed's dedupe key: {@code event_data.id} (the order), {@code practitioner_id} for a practitioner event. An
     * event NovaMed does not document may carry neither: its content's digest then makes an exact repeat a duplicate.
     */
    private static String key(String name, JsonNode data) {
        Optional<NovaMedEventName> known = NovaMedEventName.of(name);
        if (known.isPresent()) {
            String field = known.get().aboutOrder() ? "id" : "practitioner_id";
            return text(data, field).orElseThrow(() -> new IllegalArgumentException("event_data." + field
                    + " is missing"));
        }
        return text(data, "id").or(() -> text(data, "practitioner_id")).orElseGet(() -> digest(data.toString()));
    }

    private static String digest(String content) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash, 0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static String id(JsonNode data, String field) {
        return text(data, field).map(value -> id(value, "event_data." + field)).orElse(null);
    }

    /** Ids go into fixed-width columns; anything longer is not an id NovaMed would send. */
    private static String id(String value, String field) {
        if (value.length() > MAX_ID) {
            throw new IllegalArgumentException(field + " is longer than " + MAX_ID + " characters");
        }
        return value;
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() && !value.asText().isBlank() ? Optional.of(value.asText().trim())
                : Optional.empty();
    }

    @Override
    public String toString() {
        return "NovaMedEvent[" + name + " " + key + "]"; // the tracking URL stays out of logs
    }
}
