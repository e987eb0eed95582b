package io.medsync.pipeline;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;

import io.medsync.kafka.RefillRequest;
import io.medsync.ledger.Ledger;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.novamed.NovaMedRefillRequest;

/**
 * Turns a refill request into NovaMed's refill body: the order's NovaMed id as given, or through the crosswalk of
 * the source prescription. A refill of an order NovaMed does not have yet waits (parked) for that order.
 */
@ApplicationScoped
public class RefillSteps {

    private final Ledger ledger;

    RefillSteps(Ledger ledger) {
        this.ledger = ledger;
    }

    public void toNovaMed(Exchange exchange) {
        Delivery delivery = MedsyncExchange.delivery(exchange);
        RefillRequest request = delivery.sourceAs(RefillRequest.class);
        String orderId = request.medicationRequestId();
        if (orderId == null) {
            RecordKey order = new RecordKey(request.tenant(), SourceSystem.NEXTGEN, ResourceType.MEDICATION_ORDER,
                    request.sourceOrderId());
            orderId = ledger.novaMedId(order).orElseThrow(() -> new UnresolvedDependencyException(
                    "waiting for the order " + order + " to reach NovaMed", order,
                    ledger.find(order).isPresent()));
        }
        exchange.getMessage().setBody(delivery.withCommand(new NovaMedRefillRequest(orderId, request.shipmentGroupId())));
    }
}
