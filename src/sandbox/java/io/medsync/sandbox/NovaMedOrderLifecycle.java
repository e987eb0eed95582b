package io.medsync.sandbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What NovaMed's pharmacy does with an order after it was created, as far as its webhooks show it: statuses move
 * forward only (pending, verified, submitted, acknowledged, filled, shipped, cancelled), each move emitting its
 * event with the contract's {@code event_data} (README 1.8). The rx number appears once the order is submitted
 * ("not on every event"). Also {@code practitioner:activated}.
 */
final class NovaMedOrderLifecycle {

    static final String SHIPMENT_CREATED = "shipment:created";
    static final String SHIPMENT_CANCELLED = "shipment:cancelled";
    static final String PRACTITIONER_ACTIVATED = "practitioner:activated";

    /** Statuses in the order they happen. */
    private static final List<String> STATUSES = List.of("pending", "verified", "submitted", "acknowledged",
            "filled", "shipped", "cancelled");
    private static final Map<String, String> STATUS_AFTER = Map.of(
            "medication_order:verified", "verified",
            "medication_order:submitted", "submitted",
            "medication_order:acknowledged", "acknowledged",
            "medication_order:filled", "filled",
            SHIPMENT_CREATED, "shipped",
            SHIPMENT_CANCELLED, "cancelled");

    private final NovaMedWebhooks webhooks;
    private final ObjectMapper json;
    private final Map<UUID, String> statuses = new HashMap<>();
    private final Map<UUID, String> rxNumbers = new HashMap<>();
    private final Map<UUID, UUID> shipments = new HashMap<>();
    private final AtomicLong nextRx = new AtomicLong(700001);

    NovaMedOrderLifecycle(NovaMedWebhooks webhooks, ObjectMapper json) {
        this.webhooks = webhooks;
        this.json = json;
    }

    synchronized String status(NovaMedSandbox.MedicationOrder order) {
        return statuses.getOrDefault(order.id(), order.status());
    }

    /** @return how many webhook URLs the event was sent to */
    int advance(NovaMedSandbox.MedicationOrder order, String eventName) {
        String next = STATUS_AFTER.get(eventName);
        if (next == null) {
            throw new IllegalArgumentException("not a medication order or shipment event: " + eventName);
        }
        ObjectNode data;
        synchronized (this) {
            String current = status(order);
            if (STATUSES.indexOf(next) <= STATUSES.indexOf(current)) {
                throw new IllegalStateException("order " + order.id() + " is " + current + "; it cannot become "
                        + next);
            }
            statuses.put(order.id(), next);
            if (STATUSES.indexOf(next) >= STATUSES.indexOf("submitted")) {
                rxNumbers.computeIfAbsent(order.id(), id -> String.valueOf(nextRx.getAndIncrement()));
            }
            data = orderData(order);
            if (eventName.startsWith("shipment:")) {
                UUID shipmentId = shipments.computeIfAbsent(order.id(), id -> UUID.randomUUID());
                data.put("shipment_id", shipmentId.toString());
                data.put("shipment_provider", "Ameriship");
                if (eventName.equals(SHIPMENT_CREATED)) {
                    data.put("shipping_label", "https://labels.ameriship.example/" + shipmentId + ".pdf");
                    data.put("tracking_url", "https://track.ameriship.example/" + shipmentId);
                }
            }
        }
        return webhooks.emit(order.clinicId(), eventName, order.id().toString(), data);
    }

    /** {@code request} is the practitioner's create body (its name, email and phone go into the event, as at NovaMed). */
    int activate(String clinicId, UUID practitionerId, JsonNode request) {
        ObjectNode data = json.createObjectNode();
        data.put("practitioner_id", practitionerId.toString());
        data.put("practitioner_name", (request.path("first_name").asText("") + " "
                + request.path("last_name").asText("")).trim());
        data.put("practitioner_email", request.path("email").asText(null));
        data.set("practitioner_phone", request.path("phone").isMissingNode() ? json.nullNode()
                : request.get("phone"));
        data.put("practitioner_npi", request.path("npi").asText(null));
        data.put("practitioner_status", "active");
        return webhooks.emit(clinicId, PRACTITIONER_ACTIVATED, practitionerId.toString(), data);
    }

    private ObjectNode orderData(NovaMedSandbox.MedicationOrder order) {
        ObjectNode data = json.createObjectNode();
        data.put("id", order.id().toString());
        data.put("clinic_id", order.clinicId());
        data.put("patient_id", order.patientId());
        data.put("practitioner_id", order.practitionerId());
        String rx = rxNumbers.get(order.id());
        if (rx != null) {
            data.put("rx_number", rx);
        }
        return data;
    }
}
