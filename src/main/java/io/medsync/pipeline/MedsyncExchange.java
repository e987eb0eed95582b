package io.medsync.pipeline;

import org.apache.camel.Exchange;

import io.medsync.ledger.Verdict;

/** Names of the exchange properties and headers the pipeline steps share. */
public final class MedsyncExchange {

    /** The {@link SyncRun} a record belongs to (absent for one-off deliveries). */
    public static final String RUN = "medsync.run";
    /** The {@link io.medsync.tenant.Tenant} being synced. */
    public static final String TENANT = "medsync.tenant";
    /** Boolean: pull everything, ignoring the watermark (the ledger still skips what is unchanged). */
    public static final String FULL_RESYNC = "medsync.fullResync";
    /** Long: the dead letter a replayed record came from. */
    public static final String REPLAY_OF = "medsync.replayOf";
    /** The {@link Verdict} of the ledger check. */
    public static final String VERDICT = "MedsyncVerdict";

    private MedsyncExchange() {
    }

    public static Delivery delivery(Exchange exchange) {
        return exchange.getMessage().getBody(Delivery.class);
    }

    public static void count(Exchange exchange, SyncOutcome outcome) {
        count(exchange, delivery(exchange), outcome);
    }

    /** As {@link #count(Exchange, SyncOutcome)} for a record of the exchange's page, not the exchange's own. */
    public static void count(Exchange exchange, Delivery delivery, SyncOutcome outcome) {
        SyncRun run = exchange.getProperty(RUN, SyncRun.class);
        if (run != null && delivery != null) {
            run.count(delivery.key(), outcome);
        }
    }

    public static boolean needsDelivery(Exchange exchange) {
        Verdict verdict = exchange.getMessage().getHeader(VERDICT, Verdict.class);
        return verdict == Verdict.NEW || verdict == Verdict.RETRY;
    }
}
