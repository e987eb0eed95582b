package io.medsync.ops;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;

import io.medsync.pipeline.DryRun;
import io.medsync.pipeline.MedsyncExchange;
import io.medsync.tenant.TenantRegistry;

/**
 * Runs a source document through the sync's own routes in a {@link DryRun}: the same reading, mapping, crosswalk
 * lookups and chart order, without writing the ledger, calling NovaMed or reading the source. Users check their
 * mappings before go-live. Each source takes documents on its route {@code preview-<source>}.
 */
@ApplicationScoped
public class MappingPreview {

    private final TenantRegistry tenants;
    private final ProducerTemplate producer;

    MappingPreview(TenantRegistry tenants, ProducerTemplate producer) {
        this.tenants = tenants;
        this.producer = producer;
    }

    /** @throws IllegalArgumentException for a request that names no document, source or resource */
    public PreviewResult preview(PreviewRequest request) {
        if (request.tenant() == null || request.document() == null || request.document().isNull()) {
            throw new IllegalArgumentException("tenant and document are required");
        }
        Exchange exchange = new DefaultExchange(producer.getCamelContext());
        exchange.setProperty(MedsyncExchange.TENANT, tenants.get(request.tenant()));
        if (request.source() == null || !request.source().matches("[a-z0-9]+")
                || exchange.getContext().getRoute("preview-" + request.source()) == null) {
            throw new IllegalArgumentException("source must be nexhealth or fhir");
        }
        DryRun dryRun = new DryRun();
        exchange.setProperty(DryRun.PROPERTY, dryRun);
        exchange.getMessage().setHeader(DryRun.DOCUMENT_RESOURCE, request.resource());
        exchange.getMessage().setHeader(DryRun.DOCUMENT_VERSION, request.fhirVersion());
        exchange.getMessage().setBody(request.document());
        Exchange done = producer.send("direct:preview-" + request.source(), exchange);
        if (done.getException() instanceof RuntimeException e) {
            throw e;
        }
        if (done.getException() != null) {
            throw new IllegalStateException("preview failed: " + done.getException().getClass().getSimpleName());
        }
        dryRun.unreadableDocument().ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        return new PreviewResult(
                dryRun.requests().stream().map(r -> new PreviewResult.Payload(r.record(), r.method(), r.path(),
                        r.body(), r.ledgerState(), r.waitingFor())).toList(),
                dryRun.refusals().stream().map(r -> new PreviewResult.Problem(r.record(), r.reason())).toList());
    }
}
