package io.medsync.nexhealth;

import java.util.concurrent.ExecutorService;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.medsync.ledger.ResourceType;

/**
 * A tenant's NexHealth sync: providers first (patients need their practitioner), then patients, each an
 * incremental pull whose records go through the shared delivery routes.
 */
@ApplicationScoped
public class NexHealthSyncRoutes extends RouteBuilder {

    private final NexHealthPullSteps pull;
    private final int deliveryThreads;

    NexHealthSyncRoutes(NexHealthPullSteps pull,
            @ConfigProperty(name = "medsync.pipeline.delivery-threads", defaultValue = "4") int deliveryThreads) {
        this.pull = pull;
        this.deliveryThreads = deliveryThreads;
    }

    @Override
    public void configure() {
        ExecutorService deliveryPool = getContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "medsync-delivery", deliveryThreads);

        from("direct:nexhealth-sync")
                .routeId("nexhealth-sync")
                .to("direct:nexhealth-sync-providers")
                .filter(exchange -> !pull.failed(exchange))
                    .to("direct:nexhealth-sync-patients");

        pullRoute("nexhealth-sync-providers", ResourceType.PROVIDER, "direct:deliver-provider", deliveryPool);
        pullRoute("nexhealth-sync-patients", ResourceType.PATIENT, "direct:deliver-patient", deliveryPool);
    }

    private void pullRoute(String routeId, ResourceType resource, String deliver, ExecutorService deliveryPool) {
        from("direct:" + routeId)
                .routeId(routeId)
                .process(exchange -> pull.open(exchange, resource))
                .loopDoWhile(pull::hasNextPage)
                    .process(pull::fetchPage)
                    .split(body()).parallelProcessing().executorService(deliveryPool)
                        .to(deliver)
                    .end()
                    .process(pull::commitPage)
                .end()
                .process(pull::close);
    }
}
