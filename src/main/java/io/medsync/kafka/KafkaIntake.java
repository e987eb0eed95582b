package io.medsync.kafka;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

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
 * One inbound Kafka record, whatever its kind: read the versioned JSON, let the kind validate and handle it, and
 * commit the offset only then. A record no retry can fix is stored as a dead letter, copied to the kind's
 * dead-letter topic with the reason in headers, and committed, so the consumer moves on. Anything else thrown (the
 * ledger or NexHealth unreachable) leaves the offset alone: the intake route retries the record in place.
 */
@ApplicationScoped
public class KafkaIntake {

    public static final String REQUEST_TYPE = "MedsyncRequestType";
    public static final int SUPPORTED_VERSION = 1;
    public static final String STAGE = "kafka-intake";
    /** Headers of a record on a dead-letter topic. */
    public static final String REASON_HEADER = "medsync-reason";
    public static final String ORIGIN_HEADER = "medsync-origin";

    private static final Logger LOG = Logger.getLogger(KafkaIntake.class);

    private final Map<String, InboundRequestType<?>> types;
    private final ObjectMapper json;
    private final DeadLetterStore deadLetters;
    private final KafkaPublisher publisher;
    private final TenantRegistry tenants;

    KafkaIntake(Instance<InboundRequestType<?>> types, ObjectMapper json, DeadLetterStore deadLetters,
            KafkaPublisher publisher, TenantRegistry tenants) {
        this.types = types.stream().collect(Collectors.toUnmodifiableMap(InboundRequestType::name,
                Function.identity()));
        this.json = json;
        this.deadLetters = deadLetters;
        this.publisher = publisher;
        this.tenants = tenants;
    }

    public List<InboundRequestType<?>> types() {
        return List.copyOf(types.values());
    }

    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        InboundRequestType<?> type = types.get(message.getHeader(REQUEST_TYPE, String.class));
        byte[] body = message.getBody(byte[].class);
        try {
            handle(type, body);
        } catch (PoisonRecordException poison) {
            reject(type, message, body, poison.getMessage());
        }
        commit(message);
    }

    private <R> void handle(InboundRequestType<R> type, byte[] body) {
        type.handle(type.parse(versionOne(body)));
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

    /** Dead-letter topic first, then the stored dead letter: a retry in between repeats the copy, never loses it. */
    private void reject(InboundRequestType<?> type, Message message, byte[] body, String reason) {
        String origin = message.getHeader(KafkaConstants.TOPIC, String.class) + "-"
                + message.getHeader(KafkaConstants.PARTITION, Integer.class) + "@"
                + message.getHeader(KafkaConstants.OFFSET, Long.class);
        ProducerRecord<String, byte[]> copy = new ProducerRecord<>(type.deadLetterTopic(),
                message.getHeader(KafkaConstants.KEY, String.class), body);
        copy.headers().add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        copy.headers().add(ORIGIN_HEADER, origin.getBytes(StandardCharsets.UTF_8));
        publisher.sendAll(List.of(copy));
        RecordKey key = new RecordKey(knownTenant(body), SourceSystem.KAFKA, ResourceType.REQUEST, origin);
        long id = deadLetters.add(key, STAGE, type.name() + ": " + reason, null, 1, null, null);
        LOG.warnf("%s record %s rejected, dead letter %d: %s", type.name(), origin, id, reason);
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

    private static void commit(Message message) {
        message.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class).commit();
    }
}
