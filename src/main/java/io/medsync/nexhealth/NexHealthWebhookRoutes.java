package io.medsync.nexhealth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.CamelEvent.CamelContextStartedEvent;

import io.medsync.ledger.WebhookInbox;

/**
 * Accepted webhook events are processed off the request thread, from the inbox. At start-up, events a previous
 * process accepted but did not finish are queued again.
 */
@ApplicationScoped
public class NexHealthWebhookRoutes extends RouteBuilder {

    private final NexHealthTargetedSync targetedSync;
    private final WebhookInbox inbox;

    NexHealthWebhookRoutes(NexHealthTargetedSync targetedSync, WebhookInbox inbox) {
        this.targetedSync = targetedSync;
        this.inbox = inbox;
    }

    @Override
    public void configure() {
        from("seda:nexhealth-webhook-events?concurrentConsumers=2&size=10000")
                .routeId("nexhealth-webhook-events")
                .process(targetedSync::process);
    }

    void requeuePending(@Observes CamelContextStartedEvent started, ProducerTemplate producer) {
        inbox.pending().forEach(entry -> producer.sendBody("seda:nexhealth-webhook-events", entry.id()));
    }
}
