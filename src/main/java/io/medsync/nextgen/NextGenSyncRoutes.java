package io.medsync.nextgen;

import java.util.concurrent.ExecutorService;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.medsync.pipeline.DeliveryLanes;
import io.medsync.pipeline.DeliveryRoutes;
import io.medsync.pipeline.SourceSyncErrors;

/**
 * A tenant's NextGen sync: the patients to read, then each patient's chart, delivered practitioners → patient →
 * prescriptions through their delivery routes (made from the pipeline's template); the patient's watermark moves
 * last. A previewed FHIR document goes through the same chart route in a dry run.
 */
@ApplicationScoped
public class NextGenSyncRoutes extends RouteBuilder {

    private final NextGenPullSteps pull;
    private final NextGenPractitionerKind practitioners;
    private final NextGenPatientKind patients;
    private final NextGenOrderKind orders;
    private final int deliveryThreads;

    NextGenSyncRoutes(NextGenPullSteps pull, NextGenPractitionerKind practitioners, NextGenPatientKind patients,
            NextGenOrderKind orders,
            @ConfigProperty(name = "medsync.pipeline.delivery-threads", defaultValue = "4") int deliveryThreads) {
        this.pull = pull;
        this.practitioners = practitioners;
        this.patients = patients;
        this.orders = orders;
        this.deliveryThreads = deliveryThreads;
    }

    @Override
    public void configure() {
        ExecutorService patientPool = DeliveryLanes.create(this, "medsync-nextgen", deliveryThreads);

        DeliveryRoutes.deliver(this, practitioners);
        DeliveryRoutes.deliver(this, patients);
        DeliveryRoutes.deliver(this, orders);

        from("direct:nextgen-sync")
                .routeId("nextgen-sync")
                .routeConfigurationId(SourceSyncErrors.ID)
                .process(pull::subjects)
                .split(body()).parallelProcessing().executorService(patientPool)
                    .to("direct:nextgen-sync-patient")
                .end();

        from("direct:nextgen-sync-patient")
                .routeId("nextgen-sync-patient")
                .routeConfigurationId(SourceSyncErrors.ID)
                .process(pull::readChart)
                .filter(pull::chartRead)
                    .process(pull::practitionerDeliveries)
                    .split(body())
                        .to(practitioners.endpoint())
                    .end()
                    .process(pull::patientDeliveries)
                    .split(body())
                        .to(patients.endpoint())
                    .end()
                    .process(pull::orderDeliveries)
                    .split(body())
                        .to(orders.endpoint())
                    .end()
                    .process(pull::completePatient)
                .end();

        // POST /ops/preview of a FHIR resource or Bundle: the document is the chart (see NextGenPullSteps#readChart).
        from("direct:preview-fhir")
                .routeId("preview-fhir")
                .to("direct:nextgen-sync-patient");
    }
}
