package io.medsync.ledger;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How both webhook inboxes (NexHealth, NovaMed) are swept and how their failed events are retried. */
@ConfigMapping(prefix = "medsync.webhook-inbox")
public interface WebhookInboxSettings {

    /** How often each partner's inbox is swept for events due: not processed on receipt, or due for a retry. */
    @WithDefault("PT30S")
    Duration sweepInterval();

    /** How long a claimed event is left to its processor before a sweep may take it (the process died meanwhile). */
    @WithDefault("PT5M")
    Duration claimTimeout();

    Retry retry();

    interface Retry {
        /** Wait after the first failed attempt; doubled after each further one. */
        @WithDefault("PT30S")
        Duration initialDelay();

        @WithDefault("PT1H")
        Duration maxDelay();

        /** Attempts (the first included) before the event is dead-lettered, stage {@code webhook}. */
        @WithDefault("8")
        int maxAttempts();
    }
}
