package io.medsync.nextgen;

import java.util.concurrent.ExecutorService;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A tenant's NextGen sync: the patients to read, then each patient's chart, delivered practitioners → patient →
 * prescriptions through the shared delivery routes; the patient's watermark moves last.
 */
@ApplicationScoped
public class NextGenSyncRoutes extends RouteBuilder {

    private final NextGenPullSteps pull;
    private final int deliveryThreads;

    NextGenSyncRoutes(NextGenPullSteps pull,
            @ConfigProperty(name = "medsync.pipeline.delivery-threads", defaultValue = "4") int deliveryThreads) {
        this.pull = pull;
        this.deliveryThreads = deliveryThreads;
    }

    @Override
    public void configure() {
        ExecutorService patientPool = getContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "medsync-nextgen", deliveryThreads);

        from("direct:nextgen-sync")
                .routeId("nextgen-sync")
                .process(pull::subjects)
                .split(body()).parallelProcessing().executorService(patientPool)
                    .to("direct:nextgen-sync-patient")
                .end();

        from("direct:nextgen-sync-patient")
                .routeId("nextgen-sync-patient")
                .process(pull::readChart)
                .filter(pull::chartRead)
                    .process(pull::practitionerDeliveries)
                    .split(body())
                        .to("direct:deliver-nextgen-practitioner")
                    .end()
                    .process(pull::patientDeliveries)
                    .split(body())
                        .to("direct:deliver-nextgen-patient")
                    .end()
                    .process(pull::orderDeliveries)
                    .split(body())
                        .to("direct:deliver-nextgen-order")
                    .end()
                    .process(pull::completePatient)
                .end();
    }
}
