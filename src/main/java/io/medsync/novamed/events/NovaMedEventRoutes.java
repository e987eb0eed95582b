package io.medsync.novamed.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;
import org.jboss.logging.Logger;

import io.medsync.novamed.NovaMedSettings;

/**
 * Stored NovaMed events are processed off the request thread: each as it is accepted (seda), and every pending
 * one by a sweep, which runs at start-up (events a previous process stored but did not process) and then
 * periodically (events whose processing failed, e.g. while the database was unreachable). The receiver URL is
 * registered with NovaMed once, shortly after start-up.
 */
@ApplicationScoped
public class NovaMedEventRoutes extends RouteBuilder {

    static final String QUEUE = "seda:novamed-webhook-events";
    private static final Logger LOG = Logger.getLogger(NovaMedEventRoutes.class);

    private final NovaMedEventProcessor processor;
    private final NovaMedEventInbox inbox;
    private final NovaMedWebhookRegistrar registrar;
    private final NovaMedSettings.Webhook settings;

    NovaMedEventRoutes(NovaMedEventProcessor processor, NovaMedEventInbox inbox, NovaMedWebhookRegistrar registrar,
            NovaMedSettings settings) {
        this.processor = processor;
        this.inbox = inbox;
        this.registrar = registrar;
        this.settings = settings.webhook();
    }

    @Override
    public void configure() {
        from(QUEUE + "?concurrentConsumers=2&size=10000")
                .routeId("novamed-webhook-events")
                .process(exchange -> processOne(exchange.getMessage().getBody(Long.class)));

        // Quartz fires the first sweep at start-up, then every interval.
        from("quartz:medsync/novamed-webhook-sweep?stateful=true&trigger.repeatCount=-1&trigger.repeatInterval="
                + settings.sweepInterval().toMillis())
                .routeId("novamed-webhook-sweep")
                .process(exchange -> inbox.pending().forEach(this::processOne));

        // Off the start-up path: NovaMed being slow or down must not keep the app from serving.
        from("quartz:medsync/novamed-webhook-registration?trigger.repeatCount=0&triggerStartDelay="
                + settings.registrationDelay().toMillis())
                .routeId("novamed-webhook-registration")
                .process(exchange -> registrar.registerAll());
    }

    private void processOne(long id) {
        try {
            processor.process(id);
        } catch (RuntimeException e) {
            // Stays pending: the next sweep tries again. The message names the step, never event content.
            LOG.warnf("NovaMed event %d not processed yet: %s", id, e.getMessage());
            try {
                inbox.failedAttempt(id, e.getMessage());
            } catch (RuntimeException ignored) {
                // the database is what failed; the sweep will see the event again
            }
        }
    }
}
