package io.medsync.pipeline;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;

import io.medsync.novamed.NovaMedClient;
import io.medsync.novamed.NovaMedCreated;
import io.medsync.novamed.NovaMedOrderCommand;
import io.medsync.novamed.NovaMedPatient;
import io.medsync.novamed.NovaMedPractitioner;
import io.medsync.novamed.NovaMedRefillRequest;
import io.medsync.novamed.events.NovaMedOrderParties;

/** Sends a mapped command to NovaMed and leaves the answer for the ledger step. */
@ApplicationScoped
public class NovaMedPushSteps {

    /** Exchange property holding the {@link NovaMedCreated} answer. */
    public static final String CREATED = "medsync.novamedCreated";

    private final NovaMedClient novaMed;
    private final NovaMedOrderParties orderParties;

    NovaMedPushSteps(NovaMedClient novaMed, NovaMedOrderParties orderParties) {
        this.novaMed = novaMed;
        this.orderParties = orderParties;
    }

    public void create(Exchange exchange) {
        Delivery delivery = MedsyncExchange.delivery(exchange);
        NovaMedCreated created;
        if (delivery.command() instanceof NovaMedPractitioner practitioner) {
            created = novaMed.createPractitioner(delivery.tenant(), practitioner);
        } else if (delivery.command() instanceof NovaMedPatient patient) {
            created = novaMed.createPatient(delivery.tenant(), patient);
        } else if (delivery.command() instanceof NovaMedOrderCommand order) {
            // Before the create: if its answer is lost, NovaMed's webhooks about the order can still be matched.
            orderParties.record(delivery.key(), order.patientId(), order.practitionerId());
            created = novaMed.createMedicationOrder(delivery.tenant(), order);
        } else if (delivery.command() instanceof NovaMedRefillRequest refill) {
            created = novaMed.createRefillRequest(delivery.tenant(), refill);
        } else {
            throw new IllegalStateException("no NovaMed endpoint for " + delivery.key().resourceType());
        }
        exchange.setProperty(CREATED, created);
    }
}
