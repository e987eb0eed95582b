package io.medsync.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.medsync.ledger.ContentHash;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.pipeline.Delivery;
import io.medsync.pipeline.Redelivery;
import io.medsync.tenant.TenantRegistry;
import io.medsync.tenant.TenantsConfig;

/**
 * Refill requests: {@code {"version":1,"tenant":"...","request_id":"rx-42-refill-1","source_order_id":"..."}} (or
 * {@code "medication_request_id":"<NovaMed order uuid>"}), keyed by tenant and patient. Each one is a ledger record
 * keyed by its {@code request_id} and goes through the delivery pipeline: an order not in NovaMed yet parks the
 * refill, NovaMed's refusals (pending order, refill already exists) end in the dead letters with NovaMed's message.
 */
@ApplicationScoped
public class RefillRequests implements InboundRequestType<RefillRequest> {

    private static final String ID = "[A-Za-z0-9._:\\-]{1,64}";

    private final KafkaSettings settings;
    private final TenantRegistry tenants;
    private final Redelivery redelivery;

    RefillRequests(KafkaSettings settings, TenantRegistry tenants, Redelivery redelivery) {
        this.settings = settings;
        this.tenants = tenants;
        this.redelivery = redelivery;
    }

    @Override
    public String name() {
        return "refill-requests";
    }

    @Override
    public String topic() {
        return settings.topics().refillRequests();
    }

    @Override
    public String deadLetterTopic() {
        return settings.topics().refillRequestsDlq();
    }

    @Override
    public RefillRequest parse(JsonNode request) {
        String tenant = InboundFields.text(request, "tenant");
        if (tenants.all().stream().noneMatch(t -> t.id().equals(tenant))) {
            throw new PoisonRecordException("unknown tenant: no medsync.tenants.<id> configuration has this id");
        }
        String requestId = matching(request, "request_id", ID, "1-64 letters, digits or ._:-");
        boolean byNovaMed = request.hasNonNull("medication_request_id");
        boolean bySource = request.hasNonNull("source_order_id");
        if (byNovaMed == bySource) {
            throw new PoisonRecordException("exactly one of medication_request_id and source_order_id is required");
        }
        String novaMedId = byNovaMed ? matching(request, "medication_request_id", TenantsConfig.UUID, "a NovaMed order uuid") : null;
        String sourceId = bySource ? matching(request, "source_order_id", ID, "1-64 letters, digits or ._:-") : null;
        String shipmentGroup = request.hasNonNull("shipment_group_id")
                ? matching(request, "shipment_group_id", ID, "1-64 letters, digits or ._:-") : null;
        return new RefillRequest(tenant, requestId, novaMedId, sourceId, shipmentGroup);
    }

    @Override
    public void handle(RefillRequest request) {
        RecordKey key = new RecordKey(request.tenant(), SourceSystem.KAFKA, ResourceType.REFILL, request.requestId());
        redelivery.send(Delivery.of(tenants.get(request.tenant()), key, ContentHash.of(request), request), null);
    }

    private static String matching(JsonNode request, String field, String pattern, String rule) {
        String value = InboundFields.text(request, field);
        if (!value.matches(pattern)) {
            throw new PoisonRecordException("field " + field + " must be " + rule);
        }
        return value;
    }
}
