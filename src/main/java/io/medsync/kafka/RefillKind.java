package io.medsync.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import io.medsync.ledger.Ledger;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.novamed.NovaMedRefillRequest;
import io.medsync.pipeline.Delivery;
import io.medsync.pipeline.RecordKind;
import io.medsync.pipeline.UnresolvedDependencyException;

/**
 * Refill requests become NovaMed refill bodies: the order's NovaMed id as given, or through the crosswalk of the
 * source prescription. A refill of an order NovaMed does not have yet waits (parked) for that order.
 */
@ApplicationScoped
public class RefillKind implements RecordKind {

    private final Ledger ledger;

    RefillKind(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public SourceSystem source() {
        return SourceSystem.KAFKA;
    }

    @Override
    public ResourceType resource() {
        return ResourceType.REFILL;
    }

    @Override
    public String name() {
        return "refill";
    }

    @Override
    public Class<?> sourceType() {
        return RefillRequest.class;
    }

    /** The order is named by its NovaMed id, or left for {@link #resolveParties} to find. */
    @Override
    public Object map(Delivery delivery) {
        RefillRequest request = delivery.sourceAs(RefillRequest.class);
        return new NovaMedRefillRequest(request.medicationRequestId(), request.shipmentGroupId());
    }

    @Override
    public Delivery resolveParties(Delivery mapped) {
        RefillRequest request = mapped.sourceAs(RefillRequest.class);
        if (request.medicationRequestId() != null) {
            return mapped;
        }
        RecordKey order = new RecordKey(request.tenant(), SourceSystem.NEXTGEN, ResourceType.MEDICATION_ORDER,
                request.sourceOrderId());
        String orderId = ledger.novaMedId(order).orElseThrow(() -> unresolved(order));
        return mapped.withCommand(new NovaMedRefillRequest(orderId, request.shipmentGroupId()));
    }

    /** An order medsync has read waits (parked) for NovaMed; one it has never read will not arrive by waiting. */
    private UnresolvedDependencyException unresolved(RecordKey order) {
        if (ledger.find(order).isPresent()) {
            return new UnresolvedDependencyException("waiting for the order " + order + " to reach NovaMed", order);
        }
        return new UnresolvedDependencyException("unknown order: medsync has never read the prescription " + order
                + " from NextGen (check source_order_id, or sync that patient first)", order, false);
    }
}
