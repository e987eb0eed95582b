package io.medsync.ledger;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.jboss.logging.Logger;

/**
 * The one webhook inbox design, instantiated per partner: a stored event is processed off the request thread, as
 * it is accepted (seda) and by a periodic sweep (events a previous process stored but did not finish, events not
 * processed on receipt, failed ones due again). Either path claims the event first, so it is never processed twice
 * at once. The error policy is the event route's: a failed attempt is counted and the event tried again later with
 * exponential backoff; past the limit it becomes a dead letter (stage {@value #STAGE}) with the reason.
 */
public abstract class WebhookInboxRoutes extends RouteBuilder {

    public static final String STAGE = "webhook";
    /** Events one sweep takes at most; the rest wait for the next. */
    private static final int SWEEP_BATCH = 500;
    private static final Logger LOG = Logger.getLogger(WebhookInboxRoutes.class);

    private final String partner;
    private final String table;
    private final WebhookRetries retries;
    private final WebhookInboxSettings settings;
    private final DeadLetterStore deadLetters;

    /**
     * @param partner names the routes ({@code <partner>-webhook-events}, {@code -sweep}, {@code -event})
     * @param table the partner's inbox table (see {@link WebhookRetries})
     */
    protected WebhookInboxRoutes(String partner, String table, WebhookRetries retries, WebhookInboxSettings settings,
            DeadLetterStore deadLetters) {
        this.partner = partner;
        this.table = table;
        this.retries = retries;
        this.settings = settings;
        this.deadLetters = deadLetters;
    }

    /** The queue a receiver puts a stored event's id on. */
    protected static String queue(String partner) {
        return "seda:" + partner + "-webhook-events";
    }

    /** Processes a claimed event and marks it processed; throws when it failed and must be tried again. */
    protected abstract void process(long id);

    /** The record keys an event given up on is dead-lettered under (one per tenant it concerns). */
    protected abstract List<RecordKey> deadLetterKeys(long id);

    /**
     * Replays a dead letter of this inbox: its event goes back to pending and the next sweep processes it. False when
     * the dead letter is not one of this partner's webhook events, or its event is no longer in the inbox.
     */
    public boolean requeue(DeadLetter letter) {
        String prefix = reasonPrefix();
        if (!STAGE.equals(letter.stage()) || letter.reason() == null || !letter.reason().startsWith(prefix)) {
            return false;
        }
        String rest = letter.reason().substring(prefix.length());
        int end = rest.indexOf(':');
        try {
            return retries.requeue(table, Long.parseLong(end < 0 ? rest : rest.substring(0, end)));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public void configure() {
        String event = "direct:" + partner + "-webhook-event";

        from(queue(partner) + "?concurrentConsumers=2&size=10000")
                .routeId(partner + "-webhook-events")
                .to(event);

        // Quartz fires the first sweep at start-up, then every interval.
        from("quartz:medsync/" + partner + "-webhook-sweep?stateful=true&trigger.repeatCount=-1"
                + "&trigger.repeatInterval=" + settings.sweepInterval().toMillis())
                .routeId(partner + "-webhook-sweep")
                .routeConfigurationId(SkipWhileStoreDown.ID)
                // Each event is claimed row by row (one claim wins across replicas): every replica sweeps.
                .routeProperty(JobLeases.NO_LEASE, "true")
                .process(exchange -> exchange.getMessage().setBody(retries.due(table, SWEEP_BATCH)))
                .split(body())
                    .to(event);

        from(event)
                .routeId(partner + "-webhook-event")
                .onException(Exception.class)
                    .handled(true)
                    .logHandled(false)
                    .process(this::countFailedAttempt)
                .end()
                .filter(exchange -> retries.claim(table, id(exchange)))
                .process(exchange -> process(id(exchange)));
    }

    /** The event stays in the inbox: its attempt counted, its next one pushed back, or given up at the limit. */
    private void countFailedAttempt(Exchange exchange) {
        long id = id(exchange);
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        // Exception messages name the step and ids, never record content (design §5).
        String reason = caught.getClass().getSimpleName() + ": " + caught.getMessage();
        List<RecordKey> keys = deadLetterKeys(id);
        WebhookRetries.FailedAttempt attempt = retries.failed(table, id, reason, (c, givenUp) -> {
            for (RecordKey key : keys) {
                deadLetters.add(c, key, STAGE, reasonPrefix() + id + ": " + reason, givenUp.attempts());
            }
        });
        LOG.warnf("%s webhook event %d: attempt %d failed%s: %s", partner, id, attempt.attempts(),
                attempt.givenUp() ? ", giving up" : ", tried again later", reason);
    }

    /** How a dead letter of this inbox begins: the event's id follows, which is what a replay requeues. */
    private String reasonPrefix() {
        return partner + " webhook event ";
    }

    private static long id(Exchange exchange) {
        return exchange.getMessage().getBody(Long.class);
    }
}
