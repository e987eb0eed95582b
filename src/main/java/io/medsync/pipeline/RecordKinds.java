package io.medsync.pipeline;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.apache.camel.Exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.medsync.ledger.ContentHash;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.tenant.Tenant;

/**
 * Every {@link RecordKind} the sources contribute, found by record key; and the delivery route's steps that apply
 * the kind of the record in flight (map, resolve parties). Stored payloads are read again through the kinds.
 */
@ApplicationScoped
public class RecordKinds {

    private record Id(SourceSystem source, ResourceType resource) {
    }

    private final Map<Id, RecordKind> kinds;
    private final ObjectMapper json;

    RecordKinds(Instance<RecordKind> kinds, ObjectMapper json) {
        this.kinds = kinds.stream().collect(Collectors.toUnmodifiableMap(k -> new Id(k.source(), k.resource()),
                Function.identity()));
        this.json = json;
    }

    public List<RecordKind> all() {
        return List.copyOf(kinds.values());
    }

    /** @throws IllegalArgumentException when no source delivers records of this kind */
    public RecordKind of(RecordKey key) {
        RecordKind kind = kinds.get(new Id(key.sourceSystem(), key.resourceType()));
        if (kind == null) {
            throw new IllegalArgumentException("no pipeline for " + key.sourceSystem().label() + " "
                    + key.resourceType().label() + " records");
        }
        return kind;
    }

    /** The delivery route of a record: a recipient-list expression. */
    public String endpoint(Delivery delivery) {
        return of(delivery.key()).endpoint();
    }

    /** Rebuilds the delivery of a stored payload; a payload that no longer reads is delivered as malformed. */
    public Delivery toDelivery(Tenant tenant, RecordKey key, JsonNode payload) {
        try {
            Object source = json.treeToValue(payload, of(key).sourceType());
            return Delivery.of(tenant, key, ContentHash.of(source), source);
        } catch (java.io.IOException e) {
            return Delivery.malformed(tenant, key, "stored payload does not match the contract", payload);
        }
    }

    /** Route step: the body gets the NovaMed command of its source record. */
    public void map(Exchange exchange) {
        Delivery delivery = MedsyncExchange.delivery(exchange);
        exchange.getMessage().setBody(delivery.withCommand(of(delivery.key()).map(delivery)));
    }

    /** Route step: the command gets the NovaMed ids of the records it names. */
    public void resolveParties(Exchange exchange) {
        Delivery delivery = MedsyncExchange.delivery(exchange);
        RecordKind kind = of(delivery.key());
        // A rehearsal's scratch state stands in for the ledger's crosswalk while the kind resolves (see Crosswalk).
        exchange.getMessage().setBody(DryRun.active(exchange) && DryRun.of(exchange).readsSources()
                ? DryRun.of(exchange).resolveWith(() -> kind.resolveParties(delivery))
                : kind.resolveParties(delivery));
    }
}
