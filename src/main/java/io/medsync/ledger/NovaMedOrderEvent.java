package io.medsync.ledger;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A NovaMed webhook event as processed (order status, shipment, practitioner activation), on the order-events
 * topic. Ids, statuses and times only. The tracking URL and shipping label URL are reduced to "present" flags: the
 * tracking page can show the delivery address and the label is a PDF with the patient's name and address, so
 * neither may travel on a topic every consumer can read; a consumer that needs the link asks the ops API.
 *
 * @param ledgerKey the ledger record this NovaMed id belongs to ({@code tenant/source/resource/id}), null if none
 * @param suggestedFor the in-doubt ledger record this event may resolve, null if none
 */
@RegisterForReflection
public record NovaMedOrderEvent(int version, String type, String event, String outcome,
        @JsonProperty("novamed_id") String novaMedId, @JsonProperty("clinic_id") String clinicId,
        @JsonProperty("ledger_key") String ledgerKey, @JsonProperty("suggested_for") String suggestedFor,
        @JsonProperty("rx_number") String rxNumber, @JsonProperty("shipment_id") String shipmentId,
        @JsonProperty("shipment_provider") String shipmentProvider,
        @JsonProperty("tracking_url_present") boolean trackingUrlPresent,
        @JsonProperty("shipping_label_present") boolean shippingLabelPresent,
        @JsonProperty("received_at") String receivedAt, @JsonProperty("processed_at") String processedAt) {

    public static final String TYPE = "novamed-event";
}
