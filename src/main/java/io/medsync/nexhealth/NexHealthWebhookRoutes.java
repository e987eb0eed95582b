package io.medsync.nexhealth;

import java.util.List;

import jakarta.inject.Singleton;

import io.medsync.ledger.DeadLetterStore;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.ledger.WebhookInbox;
import io.medsync.ledger.WebhookInboxRoutes;
import io.medsync.ledger.WebhookInboxSettings;
import io.medsync.ledger.WebhookRetries;
import io.medsync.tenant.TenantRegistry;

/**
 * Accepted NexHealth webhook events, processed from the inbox as every partner's are ({@link WebhookInboxRoutes}):
 * each runs the targeted sync of the record it names.
 */
@Singleton // no client proxy: the shared base class has no no-args constructor
public class NexHealthWebhookRoutes extends WebhookInboxRoutes {

    static final String QUEUE = queue("nexhealth");

    private final NexHealthTargetedSync targetedSync;
    private final WebhookInbox inbox;
    private final TenantRegistry tenants;

    NexHealthWebhookRoutes(NexHealthTargetedSync targetedSync, WebhookInbox inbox, TenantRegistry tenants,
            WebhookRetries retries, WebhookInboxSettings settings, DeadLetterStore deadLetters) {
        super("nexhealth", WebhookInbox.TABLE, retries, settings, deadLetters);
        this.targetedSync = targetedSync;
        this.inbox = inbox;
        this.tenants = tenants;
    }

    @Override
    protected void process(long id) {
        WebhookInbox.Entry entry = inbox.get(id);
        if (isPatient(entry)) {
            targetedSync.syncPatient(entry.subdomain(), Long.parseLong(entry.resourceId()));
        } else {
            targetedSync.syncAppointment(entry.subdomain(), Long.parseLong(entry.resourceId()));
        }
        inbox.done(id);
    }

    /** The named record, for each tenant reading the event's NexHealth institution. */
    @Override
    protected List<RecordKey> deadLetterKeys(long id) {
        WebhookInbox.Entry entry = inbox.get(id);
        ResourceType type = isPatient(entry) ? ResourceType.PATIENT : ResourceType.APPOINTMENT;
        List<String> tenantIds = tenants.all().stream()
                .filter(t -> t.nexHealthLocations().stream().anyMatch(l -> l.subdomain().equals(entry.subdomain())))
                .map(t -> t.id()).toList();
        return (tenantIds.isEmpty() ? List.of("unknown") : tenantIds).stream()
                .map(tenant -> new RecordKey(tenant, SourceSystem.NEXHEALTH, type, entry.resourceId())).toList();
    }

    private static boolean isPatient(WebhookInbox.Entry entry) {
        return "patient".equals(entry.resourceType());
    }
}
