package io.medsync.nexhealth;

import java.util.List;
import java.util.concurrent.ExecutorService;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.ExchangeProperty;
import org.apache.camel.builder.RouteBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.medsync.ledger.ResourceType;
import io.medsync.pipeline.DeliveryLanes;
import io.medsync.pipeline.DeliveryRoutes;
import io.medsync.pipeline.LedgerSteps;
import io.medsync.pipeline.MedsyncExchange;
import io.medsync.pipeline.RecordKinds;
import io.medsync.pipeline.SourceSyncErrors;
import io.medsync.tenant.NexHealthLocation;
import io.medsync.tenant.Tenant;

/**
 * A tenant's NexHealth sync, location by location: providers first (patients need their practitioner), then the
 * appointments in the window (events, and the practitioner of patients who have none), then the patients: all of
 * them (incremental pull) or, with appointment scope, those with an appointment in the window. Providers and
 * patients go through their delivery routes, made from the pipeline's template.
 */
@ApplicationScoped
public class NexHealthSyncRoutes extends RouteBuilder {

    private final NexHealthPullSteps pull;
    private final AppointmentSteps appointments;
    private final NexHealthProviderKind providers;
    private final NexHealthPatientKind patients;
    private final RecordKinds kinds;
    private final int deliveryThreads;
    private final LedgerSteps ledgerPages;

    NexHealthSyncRoutes(NexHealthPullSteps pull, AppointmentSteps appointments, NexHealthProviderKind providers,
            NexHealthPatientKind patients, RecordKinds kinds, LedgerSteps ledgerPages,
            @ConfigProperty(name = "medsync.pipeline.delivery-threads", defaultValue = "4") int deliveryThreads) {
        this.pull = pull;
        this.appointments = appointments;
        this.providers = providers;
        this.patients = patients;
        this.kinds = kinds;
        this.deliveryThreads = deliveryThreads;
        this.ledgerPages = ledgerPages;
    }

    @Override
    public void configure() {
        ExecutorService deliveryPool = DeliveryLanes.create(this, "medsync-delivery", deliveryThreads);

        DeliveryRoutes.deliver(this, providers);
        DeliveryRoutes.deliver(this, patients);

        from("direct:nexhealth-sync")
                .routeId("nexhealth-sync")
                .routeConfigurationId(SourceSyncErrors.ID)
                .split(method(this, "locationsOf"))
                    .setProperty(NexHealthPullSteps.LOCATION, body())
                    .to("direct:nexhealth-sync-location")
                .end();

        // Each step is skipped once an earlier one of the same location failed (its cursor then stays put).
        from("direct:nexhealth-sync-location")
                .routeId("nexhealth-sync-location")
                .routeConfigurationId(SourceSyncErrors.ID)
                .to("direct:nexhealth-sync-providers")
                .to("direct:nexhealth-sync-appointments")
                .choice()
                    .when(NexHealthSyncRoutes::allPatientsInScope)
                        .to("direct:nexhealth-sync-patients")
                    .otherwise()
                        .to("direct:nexhealth-sync-appointment-patients")
                .end();

        pullRoute("nexhealth-sync-providers", ResourceType.PROVIDER, providers.endpoint(), deliveryPool);
        pullRoute("nexhealth-sync-appointments", ResourceType.APPOINTMENT, "direct:record-appointment", deliveryPool);
        pullRoute("nexhealth-sync-patients", ResourceType.PATIENT, patients.endpoint(), deliveryPool);

        from("direct:nexhealth-sync-appointment-patients")
                .routeId("nexhealth-sync-appointment-patients")
                .routeConfigurationId(SourceSyncErrors.ID)
                .process(appointments::appointmentPatients)
                .split(body()).parallelProcessing().executorService(deliveryPool)
                    .to(patients.endpoint())
                .end();

        from("direct:record-appointment")
                .routeId("record-appointment")
                .routeConfigurationId(SourceSyncErrors.ID)
                .process(appointments::record);

        // POST /ops/preview of a NexHealth document: the record as the pull would read it, through its delivery
        // route in a dry run.
        from("direct:preview-nexhealth")
                .routeId("preview-nexhealth")
                .process(pull::readDocument)
                .filter(body().isNotNull())
                    .recipientList(method(kinds, "endpoint"))
                .end();
    }

    static boolean allPatientsInScope(org.apache.camel.Exchange exchange) {
        return exchange.getProperty(MedsyncExchange.TENANT, Tenant.class).syncScope() == Tenant.SyncScope.ALL_PATIENTS;
    }

    /** The split expression: a tenant's NexHealth locations, pulled one after the other. */
    public List<NexHealthLocation> locationsOf(@ExchangeProperty(MedsyncExchange.TENANT) Tenant tenant) {
        return tenant.nexHealthLocations();
    }

    private void pullRoute(String routeId, ResourceType resource, String deliver, ExecutorService deliveryPool) {
        from("direct:" + routeId)
                .routeId(routeId)
                .routeConfigurationId(SourceSyncErrors.ID)
                .process(exchange -> pull.open(exchange, resource))
                .loopDoWhile(pull::hasNextPage)
                    .process(pull::fetchPage)
                    // Appointments are recorded as events, not ledger records: only delivered kinds get a ledger page.
                    .process(exchange -> {
                        if (resource == ResourceType.APPOINTMENT) {
                            appointments.skipRecorded(exchange);
                        } else {
                            ledgerPages.preparePage(exchange);
                        }
                    })
                    .split(body()).parallelProcessing().executorService(deliveryPool)
                        .to(deliver)
                    .end()
                    .process(pull::commitPage)
                .end()
                .process(pull::close);
    }
}
