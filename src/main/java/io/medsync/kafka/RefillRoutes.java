package io.medsync.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;

import io.medsync.pipeline.DeliveryRoutes;

/**
 * The delivery route of refill requests ({@code deliver-refill}), made from the pipeline's template. It exists with
 * Kafka off too: parked or dead-lettered refills can still be released and replayed.
 */
@ApplicationScoped
public class RefillRoutes extends RouteBuilder {

    private final RefillKind refills;

    RefillRoutes(RefillKind refills) {
        this.refills = refills;
    }

    @Override
    public void configure() {
        DeliveryRoutes.deliver(this, refills);
    }
}
