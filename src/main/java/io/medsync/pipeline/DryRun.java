package io.medsync.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.apache.camel.Exchange;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A delivery that must have no side effect: set as the exchange property {@link #PROPERTY}, it switches the
 * side-effecting steps off. The ledger is only read, NovaMed is not called: the request it would receive is recorded
 * here, as is every record that would fail. The delivery route's steps and error policy are otherwise the sync's own.
 * <p>
 * Two kinds: the preview ({@link #DryRun()}), where the source is not read (the document comes with the exchange);
 * and the go-live rehearsal ({@link #rehearsal()}), a whole first sync that reads the sources as the sync does and
 * keeps a scratch state in memory instead of the ledger: every record's {@link Outcome}, so that a party that would be
 * created resolves to a placeholder for its dependents (see {@link Crosswalk}), plus whatever a source's steps need
 * to remember ({@link #scratch}).
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
    /** The NovaMed id a party that the rehearsal would create resolves to, for its dependents. */
    static final String PLACEHOLDER_PREFIX = "dry-run:";

    /** The dry run whose party resolution runs on this thread (set by {@link RecordKinds#resolveParties}). */
    private static final ThreadLocal<DryRun> RESOLVING = new ThreadLocal<>();

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

    /** What the sync would do with a record. */
    public enum Fate {
        /** Sent to NovaMed as a create. */
        CREATE,
        /** Dead-lettered: refused by the mapping or the party resolution. */
        REFUSE,
        /** Parked until {@link Outcome#waitingFor()} is delivered. */
        PARK
    }

    /**
     * One record's fate in a rehearsal; {@code reason} for a refusal, {@code waitingFor} for a parked record, the
     * NovaMed {@code path} for a create. Keys, reasons and paths only: no PHI.
     */
    public record Outcome(String record, Fate fate, String reason, String waitingFor, String path,
            String ledgerState) {
    }

    private final boolean readsSources;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<Refusal> refusals = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    private final Map<Class<?>, Object> scratch = new ConcurrentHashMap<>();
    private volatile String unreadableDocument;

    /** The preview of a document that comes with the exchange. */
    public DryRun() {
        this(false);
    }

    private DryRun(boolean readsSources) {
        this.readsSources = readsSources;
    }

    /** A whole first sync rehearsed: the sources are read as the sync reads them. */
    public static DryRun rehearsal() {
        return new DryRun(true);
    }

    public static boolean active(Exchange exchange) {
        return exchange.getProperty(PROPERTY) != null;
    }

    public static DryRun of(Exchange exchange) {
        return exchange.getProperty(PROPERTY, DryRun.class);
    }

    /** True in a rehearsal: the source steps read the sources instead of a document that came with the exchange. */
    public boolean readsSources() {
        return readsSources;
    }

    /** True when the exchange is a preview: the source steps take the document from the exchange. */
    public static boolean previewing(Exchange exchange) {
        return active(exchange) && !of(exchange).readsSources;
    }

    /** The rehearsal resolving parties on this thread, if any (for {@link Crosswalk} and the sources' resolvers). */
    public static Optional<DryRun> resolving() {
        return Optional.ofNullable(RESOLVING.get());
    }

    /** Runs a party resolution step with this dry run visible to {@link #resolving()}. */
    <T> T resolveWith(Supplier<T> step) {
        RESOLVING.set(this);
        try {
            return step.get();
        } finally {
            RESOLVING.remove();
        }
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Refusal> refusals() {
        return List.copyOf(refusals);
    }

    /** Every record's fate so far, one per record key (a record read twice keeps its last fate). */
    public List<Outcome> outcomes() {
        return List.copyOf(outcomes.values());
    }

    /**
     * What a source's steps keep for the rest of the rehearsal instead of writing it (e.g. the appointments that name
     * a patient's practitioner), one object per type.
     */
    public <T> T scratch(Class<T> type, Supplier<T> create) {
        return type.cast(scratch.computeIfAbsent(type, t -> create.get()));
    }

    /** The NovaMed id the record would have after the rehearsed sync: a placeholder, if it would be created. */
    Optional<String> placeholderId(String record) {
        Outcome outcome = outcomes.get(record);
        return outcome != null && outcome.fate() == Fate.CREATE ? Optional.of(PLACEHOLDER_PREFIX + record)
                : Optional.empty();
    }

    /** Whether the rehearsal has met the record (as the sync's ledger would have a row for it). */
    boolean knows(String record) {
        return outcomes.containsKey(record);
    }

    /**
     * Whether an unresolved party parks the record here. The preview shows the request waiting for it either way; a
     * rehearsal, like the sync, parks only on a party that may still arrive and refuses the record otherwise.
     */
    boolean parks(UnresolvedDependencyException cause) {
        return cause.dependency() != null && (!readsSources || cause.waitable());
    }

    void request(Exchange exchange, String path, JsonNode body, List<String> waitingFor) {
        String record = MedsyncExchange.delivery(exchange).key().toString();
        String ledgerState = exchange.getProperty(LEDGER_STATE, "NEW", String.class);
        requests.add(new Request(record, "POST", path, body, ledgerState, waitingFor));
        outcomes.put(record, waitingFor.isEmpty()
                ? new Outcome(record, Fate.CREATE, null, null, path, ledgerState)
                : new Outcome(record, Fate.PARK, null, waitingFor.get(0), path, ledgerState));
    }

    /**
     * For the source steps: the previewed document cannot be read at all. The preview answers the client 400 with
     * this reason; the route ends normally, since a client's bad document is no failure of medsync to log.
     */
    public void rejectDocument(String reason) {
        unreadableDocument = reason;
    }

    /** Why the previewed document could not be read, if it could not. */
    public Optional<String> unreadableDocument() {
        return Optional.ofNullable(unreadableDocument);
    }

    /** For the source steps: a document (part) that would not even become a record. */
    public void refuse(String record, String reason) {
        refusals.add(new Refusal(record, reason));
        outcomes.put(record, new Outcome(record, Fate.REFUSE, reason, null, null, null));
    }
}
