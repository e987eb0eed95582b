package io.medsync.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.medsync.ledger.ResourceType;
import io.medsync.ledger.TenantPauses;
import io.medsync.nexhealth.NexHealthTargetedSync;
import io.medsync.nextgen.NextGenTargetedSync;
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
    private static final String FHIR_ID = "[A-Za-z0-9\\-.]{1,64}";

    private final NexHealthTargetedSync targetedSync;
    private final NextGenTargetedSync nextGen;
    private final TenantPauses pauses;
    private static final Logger LOG = Logger.getLogger(SyncRequests.class);

    SyncRequests(KafkaSettings settings, TenantRegistry tenants, NexHealthTargetedSync targetedSync,
            NextGenTargetedSync nextGen, TenantPauses pauses) {
        this.pauses = pauses;
        this.settings = settings;
        this.tenants = tenants;
        this.targetedSync = targetedSync;
        this.nextGen = nextGen;
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
        String tenantId = InboundFields.text(request, "tenant");
        Tenant tenant = tenants.all().stream().filter(t -> t.id().equals(tenantId)).findFirst().orElseThrow(
                () -> new PoisonRecordException("unknown tenant: no medsync.tenants.<id> configuration has this id"));
        String source = InboundFields.text(request, "source");
        String resource = InboundFields.text(request, "resource");
        return switch (source) {
            case "nexhealth" -> {
                if (!tenant.readsNexHealth()) {
                    throw new PoisonRecordException("source nexhealth: this tenant has no NexHealth locations");
                }
                ResourceType type = switch (resource) {
                    case "patient" -> ResourceType.PATIENT;
                    case "appointment" -> ResourceType.APPOINTMENT;
                    default -> throw new PoisonRecordException("unknown resource: expected \"patient\" or \"appointment\"");
                };
                yield new SyncRequest(tenantId, source, type, String.valueOf(InboundFields.numericId(request, "id")));
            }
            case "nextgen" -> {
                if (tenant.nextGen().isEmpty()) {
                    throw new PoisonRecordException("source nextgen: this tenant has no NextGen source");
                }
                if (!"patient".equals(resource)) {
                    throw new PoisonRecordException("unknown resource: expected \"patient\" for source nextgen");
                }
                String id = InboundFields.text(request, "id");
                if (!id.matches(FHIR_ID)) {
                    throw new PoisonRecordException("field id must be a FHIR id (1-64 letters, digits, '-' or '.')");
                }
                yield new SyncRequest(tenantId, source, ResourceType.PATIENT, id);
            }
            default -> throw new PoisonRecordException("unknown source: expected \"nexhealth\" or \"nextgen\"");
        };
    }

    @Override
    public void handle(SyncRequest request) {
        Tenant tenant = tenants.get(request.tenant());
        if (pauses.paused(tenant.id())) {
            // Safe to drop: the first scheduled sync after the resume pulls every change since its watermark.
            LOG.infof("sync request for tenant %s skipped: the tenant is paused", tenant.id());
            return;
        }
        if ("nextgen".equals(request.source())) {
            nextGen.syncPatient(tenant, request.id());
        } else if (request.resource() == ResourceType.PATIENT) {
            targetedSync.syncPatient(tenant, Long.parseLong(request.id()));
        } else {
            targetedSync.syncAppointment(tenant, Long.parseLong(request.id()));
        }
    }
}
