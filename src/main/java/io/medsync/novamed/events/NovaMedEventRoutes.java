package io.medsync.novamed.events;

import java.util.List;

import jakarta.inject.Singleton;

import io.medsync.ledger.DeadLetterStore;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.ledger.WebhookInboxRoutes;
import io.medsync.ledger.WebhookInboxSettings;
import io.medsync.ledger.WebhookRetries;
import io.medsync.novamed.NovaMedSettings;
import io.medsync.tenant.Tenant;
import io.medsync.tenant.TenantRegistry;

/**
 * Stored NovaMed events, processed from the inbox as every partner's are ({@link WebhookInboxRoutes}): each is
 * linked to the ledger record it is about. The receiver URL is registered with NovaMed once, shortly after start-up.
 */
@Singleton // no client proxy: the shared base class has no no-args constructor
public class NovaMedEventRoutes extends WebhookInboxRoutes {

    static final String QUEUE = queue("novamed");

    private final NovaMedEventProcessor processor;
    private final NovaMedEventInbox inbox;
    private final NovaMedWebhookRegistrar registrar;
    private final TenantRegistry tenants;
    private final NovaMedSettings.Webhook settings;

    NovaMedEventRoutes(NovaMedEventProcessor processor, NovaMedEventInbox inbox, NovaMedWebhookRegistrar registrar,
            TenantRegistry tenants, NovaMedSettings settings, WebhookRetries retries,
            WebhookInboxSettings inboxSettings, DeadLetterStore deadLetters) {
        super("novamed", NovaMedEventInbox.TABLE, retries, inboxSettings, deadLetters);
        this.processor = processor;
        this.inbox = inbox;
        this.registrar = registrar;
        this.tenants = tenants;
        this.settings = settings.webhook();
    }

    @Override
    public void configure() {
        super.configure();

        // Off the start-up path: NovaMed being slow or down must not keep the app from serving.
        from("quartz:medsync/novamed-webhook-registration?trigger.repeatCount=0&triggerStartDelay="
                + settings.registrationDelay().toMillis())
                .routeId("novamed-webhook-registration")
                .process(exchange -> registrar.registerAll());
    }

    @Override
    protected void process(long id) {
        processor.process(id);
    }

    /** The NovaMed order or practitioner the event is about, under the tenant of its clinic. */
    @Override
    protected List<RecordKey> deadLetterKeys(long id) {
        NovaMedEventInbox.Stored event = inbox.find(id).orElseThrow();
        String tenant = tenants.all().stream().filter(t -> t.novaMedClinicId().equals(event.clinicId()))
                .map(Tenant::id).findFirst().orElse("unknown");
        ResourceType type = NovaMedEventName.of(event.name()).map(n -> n.aboutOrder() ? ResourceType.MEDICATION_ORDER
                : ResourceType.PROVIDER).orElse(ResourceType.REQUEST);
        return List.of(new RecordKey(tenant, SourceSystem.NOVAMED, type, event.key()));
    }
}
