package io.medsync.ledger;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How long finished rows are kept ({@code medsync.retention.*}); one daily job prunes them all. Open work (open dead
 * letters, unprocessed webhook events, unpublished outbox rows, records not yet delivered) is never pruned.
 */
@ConfigMapping(prefix = "medsync.retention")
public interface RetentionSettings {

    /** Quartz cron of the pruning job, or "off". */
    @WithDefault("0 30 3 * * ?")
    String schedule();

    /** Replayed or discarded dead letters, after they were closed. */
    @WithDefault("P90D")
    Duration deadLetters();

    /** Processed NexHealth webhook events. */
    @WithDefault("P30D")
    Duration webhookInbox();

    /** Appointment versions seen. */
    @WithDefault("P365D")
    Duration appointmentEvents();

    /** Processed NovaMed webhook events (an order's status history). */
    @WithDefault("P365D")
    Duration novamedEvents();

    /** Kafka outbox rows already published. */
    @WithDefault("P7D")
    Duration outbox();

    /** The ops audit trail. */
    @WithDefault("P2190D")
    Duration audit();

    /** Finished sync runs. */
    @WithDefault("P90D")
    Duration runHistory();

    /** Sealed (encrypted) source payloads of delivered records and closed dead letters; key, state and hash stay. */
    @WithDefault("P30D")
    Duration payloads();
}
