package io.medsync.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.event.CamelContextStartedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The Kafka route family's error policy, branch by branch, on the real routes without an application or a broker:
 * the dead-letter topic, the dead-letter store and the offset commit are recorded by a stand-in intake.
 */
@Timeout(20) // an endless redelivery is a failure, not a hung build
class KafkaIntakeRoutesTest {

    private static final String TOPIC = "requests";

    private final RequestKind kind = new RequestKind();
    private final RecordingIntake intake = new RecordingIntake();
    private KafkaSettings settings;
    private DefaultCamelContext camel;
    private ProducerTemplate producer;

    @BeforeEach
    void startRoutes() throws Exception {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(KafkaSettings.class)
                .withDefaultValue("medsync.kafka.bootstrap-servers", "localhost:9")
                .withDefaultValue("medsync.kafka.consumer.retry-initial-delay", "PT0.001S")
                .withDefaultValue("medsync.kafka.consumer.retry-max-delay", "PT0.005S")
                .build();
        settings = config.getConfigMapping(KafkaSettings.class);
        camel = new DefaultCamelContext();
        camel.addRoutes(new KafkaRoutes(settings, intake, null));
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stopRoutes() throws Exception {
        camel.close();
    }

    @Test
    void aValidRecordIsHandledThenCommitted() {
        Exchange done = consume(7, "{\"version\":1,\"id\":\"a\"}");

        assertThat(done.isFailed()).isFalse();
        assertThat(kind.handled).containsExactly("a");
        assertThat(intake.commits).hasValue(1);
        assertThat(intake.deadLetterTopic).isEmpty();
        assertThat(intake.deadLetters).isEmpty();
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAndStoreWithItsReasonAndIsCommitted() {
        Exchange done = consume(8, "not json");

        assertThat(done.isFailed()).isFalse();
        assertThat(kind.handled).isEmpty();
        assertThat(intake.deadLetterTopic).containsExactly("requests.dlq <- " + TOPIC + "-0@8: not JSON");
        assertThat(intake.deadLetters).containsExactly("requests: not JSON");
        assertThat(intake.commits).hasValue(1);
    }

    @Test
    void aRecordItsKindRefusesIsDeadLetteredWithTheKindsReason() {
        Exchange done = consume(9, "{\"version\":1}");

        assertThat(done.isFailed()).isFalse();
        assertThat(intake.deadLetterTopic).containsExactly("requests.dlq <- " + TOPIC + "-0@9: missing field: id");
        assertThat(intake.deadLetters).containsExactly("requests: missing field: id");
        assertThat(intake.commits).hasValue(1);
    }

    @Test
    void aTransientFailureIsRetriedInPlaceAndTheRecordHandledAndCommittedOnce() {
        kind.failuresLeft.set(3);

        Exchange done = consume(10, "{\"version\":1,\"id\":\"b\"}");

        assertThat(done.isFailed()).isFalse();
        assertThat(kind.attempts).hasValue(4);
        assertThat(kind.handled).containsExactly("b");
        assertThat(intake.commits).hasValue(1);
        assertThat(intake.deadLetters).isEmpty();
    }

    @Test
    void aDeadLetterTopicThatIsDownIsRetriedSoThePoisonIsNeitherLostNorStoredTwice() {
        intake.topicFailuresLeft.set(2);

        Exchange done = consume(11, "[1,2]");

        assertThat(done.isFailed()).isFalse();
        assertThat(intake.topicAttempts).hasValue(3);
        assertThat(intake.deadLetterTopic).containsExactly("requests.dlq <- " + TOPIC + "-0@11: not a JSON object");
        assertThat(intake.deadLetters).containsExactly("requests: not a JSON object");
        assertThat(intake.commits).hasValue(1);
    }

    /**
     * {@code MEDSYNC_RUN_MODE=dry-run} rehearses go-live: no consumer route is created, so no request is read (nor
     * committed) and the outbox is not drained. (Without the check, start-up would go on to the topics and consumers.)
     */
    @Test
    void theDryRunModeConsumesNoRequestAndDrainsNoOutbox() throws Exception {
        KafkaRoutes rehearsal = new KafkaRoutes(settings, intake, null);
        rehearsal.runMode = "dry-run";

        rehearsal.start(new CamelContextStartedEvent(camel));

        assertThat(camel.getRoute("kafka-" + kind.name())).as("the request consumer").isNull();
        assertThat(camel.getRoute("kafka-outbox-drain")).as("the outbox drainer").isNull();
        assertThat(camel.getRoutes()).extracting(r -> r.getRouteId())
                .containsExactlyInAnyOrder("kafka-intake", "kafka-reject");
    }

    private Exchange consume(long offset, String value) {
        return producer.send("direct:kafka-intake", exchange -> {
            exchange.getMessage().setHeader(KafkaIntake.REQUEST_TYPE, kind.name());
            exchange.getMessage().setHeader(KafkaConstants.TOPIC, TOPIC);
            exchange.getMessage().setHeader(KafkaConstants.PARTITION, 0);
            exchange.getMessage().setHeader(KafkaConstants.OFFSET, offset);
            exchange.getMessage().setHeader(KafkaConstants.KEY, "key-" + offset);
            exchange.getMessage().setHeader(KafkaConstants.MANUAL_COMMIT, (KafkaManualCommit) intake.commits::incrementAndGet);
            exchange.getMessage().setBody(value.getBytes(StandardCharsets.UTF_8));
        });
    }

    /** A request kind that wants an {@code id} and whose handling can be made to fail a number of times. */
    static final class RequestKind implements InboundRequestType<String> {
        final List<String> handled = new ArrayList<>();
        final AtomicInteger attempts = new AtomicInteger();
        final AtomicInteger failuresLeft = new AtomicInteger();

        @Override
        public String name() {
            return "requests";
        }

        @Override
        public String topic() {
            return TOPIC;
        }

        @Override
        public String deadLetterTopic() {
            return "requests.dlq";
        }

        @Override
        public String parse(JsonNode request) {
            return InboundFields.text(request, "id");
        }

        @Override
        public void handle(String request) {
            attempts.incrementAndGet();
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("ledger unreachable");
            }
            handled.add(request);
        }
    }

    /** The real intake steps, with the dead-letter topic and store recorded instead of written. */
    final class RecordingIntake extends KafkaIntake {
        final List<String> deadLetterTopic = new ArrayList<>();
        final List<String> deadLetters = new ArrayList<>();
        final AtomicInteger commits = new AtomicInteger();
        final AtomicInteger topicAttempts = new AtomicInteger();
        final AtomicInteger topicFailuresLeft = new AtomicInteger();

        RecordingIntake() {
            super(List.of(kind), new ObjectMapper(), null, null, null, null);
        }

        @Override
        public void copyToDeadLetterTopic(Exchange exchange) {
            topicAttempts.incrementAndGet();
            if (topicFailuresLeft.getAndDecrement() > 0) {
                throw new KafkaPublisher.KafkaPublishException("Kafka did not acknowledge a record", null);
            }
            RejectedRecord rejected = exchange.getMessage().getBody(RejectedRecord.class);
            deadLetterTopic.add(rejected.type().deadLetterTopic() + " <- " + rejected.origin() + ": "
                    + rejected.reason());
        }

        @Override
        public void storeDeadLetter(Exchange exchange) {
            RejectedRecord rejected = exchange.getMessage().getBody(RejectedRecord.class);
            deadLetters.add(rejected.type().name() + ": " + rejected.reason());
        }
    }
}
