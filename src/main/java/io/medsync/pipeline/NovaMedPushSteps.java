package io.medsync.pipeline;

import java.io.IOException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.medsync.novamed.NovaMedClient;
import io.medsync.novamed.NovaMedCreated;
import io.medsync.novamed.NovaMedOrderCommand;
import io.medsync.novamed.NovaMedPatient;
import io.medsync.novamed.NovaMedPractitioner;
import io.medsync.novamed.NovaMedRefillRequest;
import io.medsync.novamed.events.NovaMedOrderParties;

/**
 * Sends a mapped command to NovaMed and leaves the answer for the ledger step. In a {@link DryRun} NovaMed is not
 * called: the path and body it would receive are recorded instead.
 */
@ApplicationScoped
public class NovaMedPushSteps {

    /** Exchange property holding the {@link NovaMedCreated} answer. */
    public static final String CREATED = "medsync.novamedCreated";

    private final NovaMedClient novaMed;
    private final NovaMedOrderParties orderParties;
    private final ObjectMapper json;

    NovaMedPushSteps(NovaMedClient novaMed, NovaMedOrderParties orderParties, ObjectMapper json) {
        this.novaMed = novaMed;
        this.orderParties = orderParties;
        this.json = json;
    }

    public void create(Exchange exchange) {
        if (DryRun.active(exchange)) {
            wouldSend(exchange, List.of());
            return;
        }
        Delivery delivery = MedsyncExchange.delivery(exchange);
        // Counted before the call: a create that fails or times out still spent NovaMed's budget.
        MedsyncExchange.count(exchange, SyncOutcome.NOVAMED_CALLS);
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

    /** Dry run: records the request NovaMed would receive for the command in flight, as the client would send it. */
    void wouldSend(Exchange exchange, List<String> waitingFor) {
        NovaMedClient.CreateRequest request = novaMed.requestFor(MedsyncExchange.delivery(exchange).command());
        JsonNode body;
        try {
            // The bytes read back: a tree made straight from the object would turn a decimal 60 into 60.0.
            body = json.readTree(request.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read back a NovaMed request body", e);
        }
        DryRun.of(exchange).request(exchange, request.path(), body, waitingFor);
    }
}
