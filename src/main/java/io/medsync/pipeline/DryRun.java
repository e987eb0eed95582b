package io.medsync.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.camel.Exchange;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A delivery that must have no side effect (the preview): set as the exchange property {@link #PROPERTY}, it switches
 * the side-effecting steps off. The ledger is only read, the source is not read (the document comes with the
 * exchange), NovaMed is not called: the request it would receive is recorded here, as is every record that would
 * fail. The delivery route's steps and error policy are otherwise the sync's own.
 */
public final class DryRun {

    /** The exchange property holding the {@link DryRun} of a previewed document. */
    public static final String PROPERTY = "medsync.dryRun";
    /** Header: the resource the previewed document is (for sources whose documents do not say it themselves). */
    public static final String DOCUMENT_RESOURCE = "MedsyncDocumentResource";
    /** Header: the format version of the previewed document (e.g. {@code r4}), when the request names one. */
    public static final String DOCUMENT_VERSION = "MedsyncDocumentVersion";
    /** String: the ledger state of the record in flight as the dry run found it ({@code NEW} if never seen). */
    static final String LEDGER_STATE = "medsync.dryRunLedgerState";

    /**
     * The NovaMed request a record would cause. {@code waitingFor} names the record whose NovaMed id is not known
     * yet (its field is then missing from the body; the sync parks the record until it is delivered).
     */
    public record Request(String record, String method, String path, JsonNode body, String ledgerState,
            List<String> waitingFor) {
    }

    /** A record that would end in the dead letters, with the reason the sync would record. */
    public record Refusal(String record, String reason) {
    }

    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<Refusal> refusals = Collections.synchronizedList(new ArrayList<>());

    public static boolean active(Exchange exchange) {
        return exchange.getProperty(PROPERTY) != null;
    }

    public static DryRun of(Exchange exchange) {
        return exchange.getProperty(PROPERTY, DryRun.class);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Refusal> refusals() {
        return List.copyOf(refusals);
    }

    void request(Exchange exchange, String path, JsonNode body, List<String> waitingFor) {
        requests.add(new Request(MedsyncExchange.delivery(exchange).key().toString(), "POST", path, body,
                exchange.getProperty(LEDGER_STATE, "NEW", String.class), waitingFor));
    }

    /** For the source steps: a document (part) that would not even become a record. */
    public void refuse(String record, String reason) {
        refusals.add(new Refusal(record, reason));
    }
}
