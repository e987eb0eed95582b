package io.medsync.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.camel.spi.CamelEvent.CamelContextStartedEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.medsync.ledger.Ledger;
import io.medsync.ledger.LedgerEntry;
import io.medsync.ledger.RecordState;
import io.medsync.novamed.NovaMedSettings;
import io.medsync.novamed.ResendPolicy;

/**
 * At start-up, records left in flight by a crash are settled: creates NovaMed deduplicates are re-checked by
 * sending them again; the others become in doubt for an operator, never resent automatically. Only records in
 * flight for longer than the grace period count, so that another replica's live deliveries are left alone.
 */
@ApplicationScoped
public class InFlightRecovery {

    private static final Logger LOG = Logger.getLogger(InFlightRecovery.class);
    private static final int BATCH = 10_000;

    private final Ledger ledger;
    private final Redelivery redelivery;
    private final NovaMedSettings novaMed;
    private final Duration grace;

    InFlightRecovery(Ledger ledger, Redelivery redelivery, NovaMedSettings novaMed,
            @ConfigProperty(name = "medsync.recovery.in-flight-grace") Duration grace) {
        this.ledger = ledger;
        this.redelivery = redelivery;
        this.novaMed = novaMed;
        this.grace = grace;
    }

    void onStart(@Observes CamelContextStartedEvent started) {
        Instant cutoff = Instant.now().minus(grace);
        List<LedgerEntry> stranded = ledger.inState(RecordState.IN_FLIGHT, null, BATCH).stream()
                .filter(e -> e.updatedAt().isBefore(cutoff))
                .toList();
        if (stranded.isEmpty()) {
            return;
        }
        LOG.infof("%d record(s) were in flight when medsync stopped; settling them", stranded.size());
        Thread settle = new Thread(() -> stranded.forEach(entry -> settle(entry, "medsync stopped")),
                "medsync-in-flight-recovery");
        settle.start();
    }

    /** @param when what interrupted the delivery ("medsync stopped"), for the in-doubt reason and the log */
    void settle(LedgerEntry entry, String when) {
        try {
            if (novaMed.resend().forSource(entry.key().resourceType()) == ResendPolicy.IN_DOUBT) {
                ledger.markInDoubt(entry.key(), "in flight when " + when + ": the create may or may not have"
                        + " reached NovaMed", null);
                LOG.warnf("%s in doubt: in flight when %s", entry.key(), when);
            } else {
                redelivery.redeliverStored(entry.key());
            }
        } catch (RuntimeException e) {
            LOG.warnf("%s left in flight could not be settled (%s); the next sync retries it", entry.key(),
                    e.getClass().getSimpleName());
        }
    }
}
