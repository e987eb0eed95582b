package io.medsync.pipeline;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;

/**
 * What happens to one source record, whatever triggered its pull: the delivery route template (ledger check, map,
 * resolve parties, NovaMed create, ledger update, release of the records waiting for it), instantiated by each source
 * for each of its {@link RecordKind kinds} with {@link #deliver}. Failures follow {@link DeliveryErrorPolicy}.
 */
@ApplicationScoped
public class DeliveryRoutes extends RouteBuilder {

    static final String TEMPLATE = "deliver-record";

    private final LedgerSteps ledger;
    private final RecordKinds kinds;
    private final NovaMedPushSteps novaMed;
    private final DependentRelease dependents;
    private final NovaMedIdentity novaMedIds;
    private final DeadLetterReplay deadLetters;
    private final StoreOutages store;

    DeliveryRoutes(LedgerSteps ledger, RecordKinds kinds, NovaMedPushSteps novaMed, DependentRelease dependents,
            NovaMedIdentity novaMedIds, DeadLetterReplay deadLetters, StoreOutages store) {
        this.store = store;
        this.deadLetters = deadLetters;
        this.ledger = ledger;
        this.kinds = kinds;
        this.novaMed = novaMed;
        this.dependents = dependents;
        this.novaMedIds = novaMedIds;
    }

    /** Creates the delivery route of {@code kind} ({@code direct:deliver-<name>}) from a source's own routes. */
    public static void deliver(RouteBuilder routes, RecordKind kind) {
        routes.templatedRoute(TEMPLATE)
                .routeId(kind.routeId())
                .parameter("name", kind.name());
    }

    @Override
    public void configure() {
        routeTemplate(TEMPLATE)
                .templateParameter("name")
                .from("direct:deliver-{{name}}")
                .routeConfigurationId(DeliveryErrorPolicy.ID)
                .process(store::admit)
                .process(ledger::check)
                .filter(MedsyncExchange::needsDelivery)
                    .process(kinds::map)
                    .process(kinds::resolveParties)
                    .process(novaMed::admit)
                    .process(ledger::markInFlight)
                    .process(novaMed::create)
                    .process(ledger::markDelivered)
                    .process(novaMedIds::identify)
                    .process(deadLetters::closeDeadLettersOfDelivered)
                    .to(DependentRelease.ENDPOINT)
                .end();

        // Released records are counted in the run that delivered their dependency (as what their delivery does now).
        from(DependentRelease.ENDPOINT)
                .routeId("release-dependents")
                .onException(Exception.class)
                    .handled(true)
                    .process(dependents::releaseFailed)
                .end()
                .process(dependents::parkedOnDelivered)
                .removeProperty(MedsyncExchange.REPLAY_OF)
                .split(body())
                    .recipientList(method(kinds, "endpoint"))
                .end();
    }
}
