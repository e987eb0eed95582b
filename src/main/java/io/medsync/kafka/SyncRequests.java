package io.medsync.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.medsync.ledger.ResourceType;
import io.medsync.nexhealth.NexHealthTargetedSync;
import io.medsync.tenant.Tenant;
import io.medsync.tenant.TenantRegistry;

/**
 * Sync requests: {@code {"version":1,"tenant":"demo-clinic","source":"nexhealth","resource":"patient","id":"200001"}},
 * keyed by tenant and patient. Each one runs the targeted sync NexHealth webhooks use, so the ledger makes a
 * repeated or redelivered request a no-op.
 */
@ApplicationScoped
public class SyncRequests implements InboundRequestType<SyncRequest> {

    private final KafkaSettings settings;
    private final TenantRegistry tenants;
    private final NexHealthTargetedSync targetedSync;

    SyncRequests(KafkaSettings settings, TenantRegistry tenants, NexHealthTargetedSync targetedSync) {
        this.settings = settings;
        this.tenants = tenants;
        this.targetedSync = targetedSync;
    }

    @Override
    public String name() {
        return "sync-requests";
    }

    @Override
    public String topic() {
        return settings.topics().syncRequests();
    }

    @Override
    public String deadLetterTopic() {
        return settings.topics().syncRequestsDlq();
    }

    @Override
    public SyncRequest parse(JsonNode request) {
        String tenant = InboundFields.text(request, "tenant");
        if (tenants.all().stream().noneMatch(t -> t.id().equals(tenant))) {
            throw new PoisonRecordException("unknown tenant: no medsync.tenants.<id> configuration has this id");
        }
        if (!"nexhealth".equals(InboundFields.text(request, "source"))) {
            throw new PoisonRecordException("unknown source: expected \"nexhealth\"");
        }
        ResourceType resource = switch (InboundFields.text(request, "resource")) {
            case "patient" -> ResourceType.PATIENT;
            case "appointment" -> ResourceType.APPOINTMENT;
            default -> throw new PoisonRecordException("unknown resource: expected \"patient\" or \"appointment\"");
        };
        return new SyncRequest(tenant, "nexhealth", resource, InboundFields.numericId(request, "id"));
    }

    @Override
    public void handle(SyncRequest request) {
        Tenant tenant = tenants.get(request.tenant());
        if (request.resource() == ResourceType.PATIENT) {
            targetedSync.syncPatient(tenant, request.id());
        } else {
            targetedSync.syncAppointment(tenant, request.id());
        }
    }
}
