package io.medsync.ops;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.medsync.novamed.events.NovaMedEventInbox;
import io.medsync.novamed.events.NovaMedEventName;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What NovaMed told us about one order through its webhooks: current status, status history, shipment and the
 * ledger record it belongs to. Shown only to ops-token holders; the tracking URL is stored sealed.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderView(
        @JsonProperty("novamed_id") String novaMedId,
        @JsonProperty("clinic_id") String clinicId,
        @JsonProperty("ledger_key") String ledgerKey,
        @JsonProperty("rx_number") String rxNumber,
        String status,
        List<StatusChange> history,
        Shipment shipment) {

    /** One event, in arrival order; {@code status} is null for an event NovaMed does not document. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StatusChange(String event, String status, @JsonProperty("received_at") Instant receivedAt) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Shipment(@JsonProperty("shipment_id") String shipmentId, String provider,
            @JsonProperty("tracking_url") String trackingUrl,
            @JsonProperty("shipping_label_received") boolean labelReceived, boolean cancelled) {
    }

    OrderView withLedgerKey(String key) {
        return new OrderView(novaMedId, clinicId, key, rxNumber, status, history, shipment);
    }

    /** @param events every stored event about the order, oldest first (not empty) */
    static OrderView of(String orderId, List<NovaMedEventInbox.Stored> events) {
        String clinic = null;
        String ledgerKey = null;
        String rx = null;
        String status = null;
        Shipment shipment = null;
        for (NovaMedEventInbox.Stored e : events) {
            clinic = e.clinicId() != null ? e.clinicId() : clinic;
            ledgerKey = e.ledgerKey() != null ? e.ledgerKey() : ledgerKey;
            rx = e.rxNumber() != null ? e.rxNumber() : rx;
            NovaMedEventName name = NovaMedEventName.of(e.name()).orElse(null);
            if (name == null) {
                continue;
            }
            status = name.status();
            if (name == NovaMedEventName.SHIPMENT_CREATED) {
                shipment = new Shipment(e.shipmentId(), e.shipmentProvider(), e.trackingUrl(), e.labelPresent(),
                        false);
            } else if (name == NovaMedEventName.SHIPMENT_CANCELLED) {
                shipment = shipment == null ? new Shipment(e.shipmentId(), e.shipmentProvider(), null, false, true)
                        : new Shipment(shipment.shipmentId(), shipment.provider(), shipment.trackingUrl(),
                                shipment.labelReceived(), true);
            }
        }
        List<StatusChange> history = events.stream().map(e -> new StatusChange(e.name(),
                NovaMedEventName.of(e.name()).map(NovaMedEventName::status).orElse(null), e.receivedAt())).toList();
        return new OrderView(orderId, clinic, ledgerKey, rx, status, history, shipment);
    }
}
