package io.medsync.pipeline;

import java.io.IOException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.medsync.http.PartnerUnavailableException;
import io.medsync.novamed.DeliveryInDoubtException;
import io.medsync.novamed.NovaMedClient;
import io.medsync.novamed.NovaMedCreated;
import io.medsync.novamed.NovaMedOrderCommand;
import io.medsync.novamed.NovaMedPatient;
import io.medsync.novamed.NovaMedPractitioner;
import io.medsync.novamed.NovaMedRefillRequest;
import io.medsync.novamed.NovaMedRejectedException;
import io.medsync.novamed.events.NovaMedOrderParties;

/**
 * Sends a mapped command to NovaMed and leaves the answer for the ledger step. In a {@link DryRun} NovaMed is not
 * called: the path and body it would receive are recorded instead.
 */
@ApplicationScoped
public class NovaMedPushSteps {

    /** Exchange property holding the {@link NovaMedCreated} answer. */
    public static final String CREATED = "medsync.novamedCreated";
    /** Boolean: the partner failed this record's call while still answering others (its circuit stayed closed). */
    static final String ISOLATED_FAILURE = "medsync.isolatedPartnerFailure";

    private final NovaMedClient novaMed;
    private final NovaMedOrderParties orderParties;
    private final ObjectMapper json;
    private final PartnerCircuits circuits;

    NovaMedPushSteps(NovaMedClient novaMed, NovaMedOrderParties orderParties, ObjectMapper json,
            PartnerCircuits circuits) {
        this.novaMed = novaMed;
        this.orderParties = orderParties;
        this.json = json;
        this.circuits = circuits;
    }

    /**
     * Before the record is marked in flight: while the tenant's NovaMed circuit is open the record is not sent and
     * waits (pending) instead; once per interval one record goes through as the probe.
     */
    public void admit(Exchange exchange) {
        if (DryRun.active(exchange)) {
            return;
        }
        if (!circuits.novaMed(MedsyncExchange.delivery(exchange).tenant()).tryAcquire()) {
            throw new PartnerUnavailableException("novamed", "NovaMed is unavailable (circuit open): not sent");
        }
    }

    public void create(Exchange exchange) {
        if (DryRun.active(exchange)) {
            wouldSend(exchange, List.of());
            return;
        }
        Delivery delivery = MedsyncExchange.delivery(exchange);
        // Counted before the call: a create that fails or times out still spent NovaMed's budget.
        MedsyncExchange.count(exchange, SyncOutcome.NOVAMED_CALLS);
        PartnerCircuit circuit = circuits.novaMed(delivery.tenant());
        long answersBefore = circuit.answers();
        long openingsBefore = circuit.openings();
        NovaMedCreated created;
        try {
            created = send(delivery);
            circuit.answered(openingsBefore);
        } catch (NovaMedRejectedException refused) {
            circuit.answered(openingsBefore);
            throw refused;
        } catch (PartnerUnavailableException | DeliveryInDoubtException outage) {
            circuit.failed();
            if (failedAlone(circuit, answersBefore)) {
                exchange.setProperty(ISOLATED_FAILURE, true);
            }
            throw outage;
        }
        exchange.setProperty(CREATED, created);
    }

    /**
     * The record's call failed while NovaMed answered other calls (the circuit stayed closed and saw answers during
     * the call): the record, not NovaMed, is the problem, and it may become a dead letter after enough attempts. A
     * closed circuit alone is no evidence: a process that starts during an outage (once mode, a restart) has a fresh,
     * closed circuit, and its first calls used to count as failing alone until their attempts ran out.
     */
    static boolean failedAlone(PartnerCircuit circuit, long answersBefore) {
        return !circuit.unavailable() && circuit.answers() > answersBefore;
    }

    private NovaMedCreated send(Delivery delivery) {
        if (delivery.command() instanceof NovaMedPractitioner practitioner) {
            return novaMed.createPractitioner(delivery.tenant(), practitioner);
        }
        if (delivery.command() instanceof NovaMedPatient patient) {
            return novaMed.createPatient(delivery.tenant(), patient);
        }
        if (delivery.command() instanceof NovaMedOrderCommand order) {
            // Before the create: if its answer is lost, NovaMed's webhooks about the order can still be matched.
            orderParties.record(delivery.key(), order.patientId(), order.practitionerId());
            return novaMed.createMedicationOrder(delivery.tenant(), order);
        }
        if (delivery.command() instanceof NovaMedRefillRequest refill) {
            return novaMed.createRefillRequest(delivery.tenant(), refill);
        }
        throw new IllegalStateException("no NovaMed endpoint for " + delivery.key().resourceType());
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
