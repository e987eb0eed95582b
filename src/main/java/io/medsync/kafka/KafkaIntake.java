package io.medsync.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.medsync.ledger.DeadLetterStore;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.tenant.TenantRegistry;

/**
 * The steps of the Kafka intake ({@link KafkaRoutes}): read the versioned JSON and let the record's kind validate it,
 * let the kind act on it, commit the offset. A record no retry can fix ({@link PoisonRecordException}) is turned
 * into a {@link RejectedRecord}, copied to the kind's dead-letter topic with the reason in headers, stored as a dead
 * letter and committed. Which step runs when, and what is retried, is the route's business, not this class's.
 */
@ApplicationScoped
public class KafkaIntake {

    public static final String REQUEST_TYPE = "MedsyncRequestType";
    public static final int SUPPORTED_VERSION = 1;
    public static final String STAGE = "kafka-intake";
    /** Headers of a record on a dead-letter topic. */
    public static final String REASON_HEADER = "medsync-reason";
    public static final String ORIGIN_HEADER = "medsync-origin";
    /** The record's bytes as consumed: the body becomes the typed request, a rejection copies these. */
    static final String RECORD_BYTES = "medsync.kafka.record";

    private static final Logger LOG = Logger.getLogger(KafkaIntake.class);

    /** A record no retry can fix, on its way to the dead-letter topic and store. */
    public record RejectedRecord(InboundRequestType<?> type, String origin, String key, byte[] body, String reason) {
    }

    private final Map<String, InboundRequestType<?>> types;
    private final ObjectMapper json;
    private final DeadLetterStore deadLetters;
    private final KafkaPublisher publisher;
    private final TenantRegistry tenants;
    private final KafkaTopics topics;
    /** Dead-letter topics found missing and said so: the log names each once, not once a retry. */
    private final Set<String> missingSaid = ConcurrentHashMap.newKeySet();

    @Inject
    KafkaIntake(Instance<InboundRequestType<?>> types, ObjectMapper json, DeadLetterStore deadLetters,
            KafkaPublisher publisher, TenantRegistry tenants, KafkaTopics topics) {
        this(types.stream().toList(), json, deadLetters, publisher, tenants, topics);
    }

    KafkaIntake(Collection<InboundRequestType<?>> types, ObjectMapper json, DeadLetterStore deadLetters,
            KafkaPublisher publisher, TenantRegistry tenants, KafkaTopics topics) {
        this.types = types.stream().collect(Collectors.toUnmodifiableMap(InboundRequestType::name,
                Function.identity()));
        this.json = json;
        this.deadLetters = deadLetters;
        this.publisher = publisher;
        this.tenants = tenants;
        this.topics = topics;
    }

    public List<InboundRequestType<?>> types() {
        return List.copyOf(types.values());
    }

    /** Step 1: the record's bytes → its kind's validated request, as the body. */
    public void read(Exchange exchange) {
        Message message = exchange.getMessage();
        byte[] body = message.getBody(byte[].class);
        exchange.setProperty(RECORD_BYTES, body);
        message.setBody(type(message).parse(versionOne(body)));
    }

    /** Step 2: the kind acts on the request; returns once the ledger has recorded the outcome. */
    public void handle(Exchange exchange) {
        Message message = exchange.getMessage();
        handle(type(message), message.getBody());
    }

    @SuppressWarnings("unchecked")
    private static <R> void handle(InboundRequestType<R> type, Object request) {
        type.handle((R) request);
    }

    /** Step 3 (and last step of a rejection): nothing before this offset is read again. */
    public void commit(Exchange exchange) {
        exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class).commit();
    }

    /** Rejection, step 1: what was wrong with the record (the caught exception) and where it came from. */
    public void reject(Exchange exchange) {
        Message message = exchange.getMessage();
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String origin = message.getHeader(KafkaConstants.TOPIC, String.class) + "-"
                + message.getHeader(KafkaConstants.PARTITION, Integer.class) + "@"
                + message.getHeader(KafkaConstants.OFFSET, Long.class);
        byte[] body = exchange.getProperty(RECORD_BYTES, byte[].class);
        message.setBody(new RejectedRecord(type(message), origin, message.getHeader(KafkaConstants.KEY, String.class),
                body != null ? body : message.getBody(byte[].class), caught.getMessage()));
    }

    /** Rejection, step 2: the record as it came, on the kind's dead-letter topic, with the reason in headers. */
    public void copyToDeadLetterTopic(Exchange exchange) {
        RejectedRecord rejected = exchange.getMessage().getBody(RejectedRecord.class);
        String topic = rejected.type().deadLetterTopic();
        requireTopic(topic, rejected.origin());
        ProducerRecord<String, byte[]> copy = new ProducerRecord<>(topic, rejected.key(), rejected.body());
        copy.headers().add(REASON_HEADER, rejected.reason().getBytes(StandardCharsets.UTF_8));
        copy.headers().add(ORIGIN_HEADER, rejected.origin().getBytes(StandardCharsets.UTF_8));
        publisher.sendAll(List.of(copy));
    }

    /**
     * A send to a missing topic would wait for its metadata and fail, retry after retry, saying nothing useful: the
     * topic is looked up first (created when medsync.kafka.create-topics is on), and its absence said once.
     *
     * @throws DeadLetterTopicMissingException retried quietly by the route until the topic exists
     */
    private void requireTopic(String topic, String origin) {
        if (topics.ensure(topic)) {
            if (missingSaid.remove(topic)) {
                LOG.infof("Kafka: dead-letter topic %s exists now; dead-lettering resumes", topic);
            }
            return;
        }
        if (missingSaid.add(topic)) {
            LOG.errorf("Kafka: cannot dead-letter %s: topic %s is missing. Its partition waits until the topic is"
                    + " created (readiness is DOWN and names it; or set medsync.kafka.create-topics=true)", origin, topic);
        }
        throw new DeadLetterTopicMissingException(topic);
    }

    /** The dead-letter topic of a rejected record does not exist. */
    public static final class DeadLetterTopicMissingException extends RuntimeException {
        DeadLetterTopicMissingException(String topic) {
            super("dead-letter topic missing: " + topic, null, false, false);
        }
    }

    /** Rejection, step 3: the stored dead letter, under the tenant the record names when it is one of ours. */
    public void storeDeadLetter(Exchange exchange) {
        RejectedRecord rejected = exchange.getMessage().getBody(RejectedRecord.class);
        RecordKey key = new RecordKey(knownTenant(rejected.body()), SourceSystem.KAFKA, ResourceType.REQUEST,
                rejected.origin());
        long id = deadLetters.add(key, STAGE, rejected.type().name() + ": " + rejected.reason(), null, 1, null, null);
        LOG.warnf("%s record %s rejected, dead letter %d: %s", rejected.type().name(), rejected.origin(), id,
                rejected.reason());
    }

    private InboundRequestType<?> type(Message message) {
        return types.get(message.getHeader(REQUEST_TYPE, String.class));
    }

    private JsonNode versionOne(byte[] body) {
        JsonNode request;
        try {
            request = body == null ? null : json.readTree(body);
        } catch (java.io.IOException e) {
            throw new PoisonRecordException("not JSON");
        }
        if (request == null || !request.isObject()) {
            throw new PoisonRecordException("not a JSON object");
        }
        JsonNode version = request.get("version");
        if (version == null || version.isNull()) {
            throw new PoisonRecordException("missing field: version");
        }
        if (!version.isInt()) {
            throw new PoisonRecordException("field version must be an integer");
        }
        if (version.asInt() != SUPPORTED_VERSION) {
            throw new PoisonRecordException("unsupported version " + version.asInt() + ": this medsync reads version "
                    + SUPPORTED_VERSION);
        }
        return request;
    }

    /** The tenant the record names, when it is one of ours; "unknown" otherwise (never an arbitrary string). */
    private String knownTenant(byte[] body) {
        try {
            JsonNode tenant = json.readTree(body).path("tenant");
            return tenants.all().stream().map(t -> t.id()).filter(id -> id.equals(tenant.asText())).findFirst()
                    .orElse("unknown");
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
