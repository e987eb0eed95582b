package io.medsync.novamed.events;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.medsync.ledger.JdbcTransaction;
import io.medsync.ledger.Ledger;
import io.medsync.ledger.LedgerEntry;
import io.medsync.ledger.LedgerException;
import io.medsync.ledger.NovaMedOrderEvent;
import io.medsync.ledger.Outbox;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.ResourceType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Processes a stored NovaMed event: links it to the ledger record NovaMed's id belongs to (the order, or the
 * practitioner for {@code practitioner:activated}), or, for an order we have no NovaMed id for, to the in-doubt
 * order it most likely is (a suggestion for the operator). The row's new status and the Kafka event commit together;
 * the row leaves PENDING once, so a re-queued event is not processed twice.
 */
@ApplicationScoped
public class NovaMedEventProcessor {

    private static final Logger LOG = Logger.getLogger(NovaMedEventProcessor.class);

    private final NovaMedEventInbox inbox;
    private final NovaMedOrderParties parties;
    private final Ledger ledger;
    private final Outbox outbox;
    private final DataSource dataSource;
    private final MeterRegistry metrics;

    NovaMedEventProcessor(NovaMedEventInbox inbox, NovaMedOrderParties parties, Ledger ledger, Outbox outbox,
            DataSource dataSource, MeterRegistry metrics) {
        this.inbox = inbox;
        this.parties = parties;
        this.ledger = ledger;
        this.outbox = outbox;
        this.dataSource = dataSource;
        this.metrics = metrics;
    }

    /** @return the outcome (linked, suggested, unlinked, unknown_event), empty if it was not pending */
    public Optional<String> process(long id) {
        NovaMedEventInbox.Stored event = inbox.find(id).orElse(null);
        if (event == null || !NovaMedEventInbox.PENDING.equals(event.status())) {
            return Optional.empty();
        }
        Optional<NovaMedEventName> known = NovaMedEventName.of(event.name());
        String ledgerKey = null;
        String suggestedFor = null;
        if (known.isPresent()) {
            boolean aboutOrder = known.get().aboutOrder();
            ledgerKey = ledger.findByNovaMedId(aboutOrder ? ResourceType.MEDICATION_ORDER : ResourceType.PROVIDER,
                    aboutOrder ? event.orderId() : event.key()).map(LedgerEntry::key).map(RecordKey::toString)
                    .orElse(null);
            if (ledgerKey == null && aboutOrder) {
                suggestedFor = parties.inDoubtOrderFor(event.patientId(), event.practitionerId(), event.orderId())
                        .map(RecordKey::toString).orElse(null);
            }
        }
        String outcome = known.isEmpty() ? "unknown_event"
                : ledgerKey != null ? "linked" : suggestedFor != null ? "suggested" : "unlinked";
        String status = known.isEmpty() ? NovaMedEventInbox.UNKNOWN_EVENT : NovaMedEventInbox.DONE;
        Instant now = Instant.now();
        String linked = ledgerKey;
        String suggested = suggestedFor;
        boolean processed;
        try {
            processed = JdbcTransaction.run(dataSource, c -> {
                if (!inbox.finish(c, id, status, linked, suggested, now)) {
                    return false;
                }
                outbox.novaMedEvent(c, new NovaMedOrderEvent(Outbox.EVENT_VERSION, NovaMedOrderEvent.TYPE,
                        event.name(), outcome, event.key(), event.clinicId(), linked, suggested, event.rxNumber(),
                        event.shipmentId(), event.shipmentProvider(), event.trackingUrl() != null,
                        event.labelPresent(), event.receivedAt().toString(), now.toString()));
                return true;
            });
        } catch (SQLException e) {
            throw new LedgerException("cannot record NovaMed event " + id + " as processed", e);
        }
        if (!processed) {
            return Optional.empty();
        }
        metrics.counter("medsync.novamed.events", Tags.of("event", NovaMedEventName.label(event.name()),
                "outcome", outcome)).increment();
        LOG.debugf("NovaMed event %d (%s %s) processed: %s", id, NovaMedEventName.label(event.name()), event.key(),
                outcome);
        return Optional.of(outcome);
    }
}
