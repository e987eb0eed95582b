package io.medsync.kafka;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.spi.CamelEvent.CamelContextStartedEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Kafka, only when a bootstrap address is configured: the shared intake routes with the family's error policy
 * (Java: read → handle → commit, poison records set aside by {@code kafka-reject}), and one consumer route per inbound
 * request kind plus the outbox drainer, created from the templates in {@code routes/kafka.yaml}.
 */
@ApplicationScoped
public class KafkaRoutes extends RouteBuilder {

    private static final Logger LOG = Logger.getLogger(KafkaRoutes.class);

    private final KafkaSettings settings;
    private final KafkaIntake intake;
    private final KafkaTopics topics;
    /** {@code dry-run}: a rehearsal, which must neither act on requests nor publish events (see DryRunMode). */
    @ConfigProperty(name = "medsync.run.mode")
    String runMode;

    KafkaRoutes(KafkaSettings settings, KafkaIntake intake, KafkaTopics topics) {
        this.settings = settings;
        this.intake = intake;
        this.topics = topics;
    }

    @Override
    public void configure() {
        if (!settings.enabled()) {
            return;
        }
        KafkaSettings.Consumer consumer = settings.consumer();
        // The family's error policy. A failure that is not the record's fault (ledger, NexHealth or Kafka itself
        // unreachable) is retried in place, with backoff, for as long as it takes: the offset stays uncommitted, so
        // nothing behind it is lost or reordered.
        errorHandler(defaultErrorHandler()
                .maximumRedeliveries(-1)
                .redeliveryDelay(consumer.retryInitialDelay().toMillis())
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .maximumRedeliveryDelay(consumer.retryMaxDelay().toMillis())
                .allowRedeliveryWhileStopping(false)
                .retryAttemptedLogLevel(LoggingLevel.WARN)
                .logRetryStackTrace(false)
                .logExhaustedMessageHistory(false)
                .logExhaustedMessageBody(false));
        // A record no retry can fix (unreadable, unknown tenant, invalid field) is set aside with its reason, and
        // the consumer moves on.
        // A dead-letter topic that does not exist: said once by the intake (and by readiness), retried as above but
        // quietly, until the topic is created.
        onException(KafkaIntake.DeadLetterTopicMissingException.class)
                .retryAttemptedLogLevel(LoggingLevel.DEBUG);
        onException(PoisonRecordException.class)
                .maximumRedeliveries(0) // (it would inherit the endless redelivery above)
                .handled(true)
                .logHandled(false)
                .to("direct:kafka-reject");

        from("direct:kafka-intake")
                .routeId("kafka-intake")
                .process(intake::read)
                .process(intake::handle)
                .process(intake::commit);

        // Dead-letter topic first, then the stored dead letter, then the commit; each step retried by the policy
        // above until it succeeds, so a rejected record is never lost between them.
        from("direct:kafka-reject")
                .routeId("kafka-reject")
                .process(intake::reject)
                .process(intake::copyToDeadLetterTopic)
                .process(intake::storeDeadLetter)
                .process(intake::commit);
    }

    /** Before anything consumes or publishes: the configured topics exist, are created, or are named as missing. */
    private void checkTopics() {
        try {
            List<String> missing = topics.missing();
            if (missing.isEmpty()) {
                return;
            }
            if (settings.createTopics()) {
                LOG.infof("Kafka: created topic(s) %s", String.join(", ", topics.create(missing)));
            } else {
                LOG.warnf("Kafka: topic(s) missing: %s. Events and dead letters for them wait, and readiness is DOWN,"
                        + " until they are created (or set medsync.kafka.create-topics=true)", String.join(", ", missing));
            }
        } catch (KafkaTopics.KafkaUnreachableException e) {
            LOG.warnf("Kafka: the broker did not answer at start-up (%s); the consumers and the outbox drain keep"
                    + " trying", e.getMessage());
        }
    }

    void start(@Observes CamelContextStartedEvent started) throws Exception {
        if (!settings.enabled()) {
            LOG.info("Kafka is off (medsync.kafka.bootstrap-servers is not set)");
            return;
        }
        if ("dry-run".equals(runMode)) {
            // The requests stay on their topics, uncommitted, for the service that will act on them.
            LOG.info("Kafka: neither consuming requests nor draining the outbox in the dry-run mode (a rehearsal)");
            return;
        }
        CamelContext context = started.getContext();
        KafkaConfiguration kafka = context.getComponent("kafka", KafkaComponent.class).getConfiguration();
        kafka.setBrokers(settings.bootstrapServers().orElseThrow());
        kafka.setSecurityProtocol(settings.securityProtocol());
        settings.saslMechanism().ifPresent(kafka::setSaslMechanism);
        settings.saslJaasConfig().ifPresent(kafka::setSaslJaasConfig);
        checkTopics();
        KafkaSettings.Consumer consumer = settings.consumer();
        for (InboundRequestType<?> type : intake.types()) {
            TemplatedRouteBuilder.builder(context, "kafka-inbound")
                    .routeId("kafka-" + type.name())
                    .parameter("requestType", type.name())
                    .parameter("topic", type.topic())
                    .parameter("groupId", settings.groupId())
                    .parameter("autoOffsetReset", consumer.autoOffsetReset())
                    .parameter("maxPollRecords", String.valueOf(consumer.maxPollRecords()))
                    .parameter("consumersCount", String.valueOf(consumer.consumersCount()))
                    .parameter("sessionTimeoutMs", String.valueOf(consumer.sessionTimeout().toMillis()))
                    .parameter("heartbeatIntervalMs", String.valueOf(consumer.heartbeatInterval().toMillis()))
                    .parameter("maxPollIntervalMs", String.valueOf(consumer.maxPollInterval().toMillis()))
                    .add();
            LOG.infof("Kafka: consuming %s from topic %s", type.name(), type.topic());
        }
        TemplatedRouteBuilder.builder(context, "kafka-outbox-drain")
                .routeId("kafka-outbox-drain")
                .parameter("period", String.valueOf(settings.outbox().drainInterval().toMillis()))
                .add();
    }
}
