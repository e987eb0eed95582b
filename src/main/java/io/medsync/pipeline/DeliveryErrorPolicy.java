package io.medsync.pipeline;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;

import io.medsync.http.PartnerUnavailableException;
import io.medsync.ledger.ConcurrentDeliveryException;
import io.medsync.ledger.LedgerException;
import io.medsync.mapping.MappingException;
import io.medsync.novamed.DeliveryInDoubtException;
import io.medsync.novamed.NovaMedRejectedException;

/**
 * What happens to a record whose delivery fails, whatever its source: the error policy of every delivery route. A
 * record that fails is dead-lettered with its reason, one that waits for its practitioner is parked, one whose
 * create may or may not have happened is held in doubt, one whose partner is down waits (pending); the run goes on.
 * When the ledger database itself is down ({@link StoreOutages}), every branch leaves the record as it is instead.
 * In a {@link DryRun} the same handlers record the outcome in the dry run instead of the ledger.
 */
@ApplicationScoped
public class DeliveryErrorPolicy extends RouteConfigurationBuilder {

    static final String ID = "delivery-errors";

    private final LedgerSteps ledger;
    private final StoreOutages store;

    DeliveryErrorPolicy(LedgerSteps ledger, StoreOutages store) {
        this.ledger = ledger;
        this.store = store;
    }

    @Override
    public void configuration() {
        RouteConfigurationDefinition policy = routeConfiguration(ID);
        policy.onException(ConcurrentDeliveryException.class)
                .handled(true)
                .process(store.unlessStoreDown(ledger::skipConcurrent));
        policy.onException(UnresolvedDependencyException.class)
                .handled(true)
                .process(store.unlessStoreDown(ledger::park));
        policy.onException(DeliveryInDoubtException.class)
                .handled(true)
                .process(store.unlessStoreDown(ledger::markInDoubt));
        // A partner outage is not the record's fault: it waits, pending, instead of becoming a dead letter.
        policy.onException(PartnerUnavailableException.class)
                .handled(true)
                .process(store.unlessStoreDown(ledger::defer));
        policy.onException(MappingException.class, NovaMedRejectedException.class)
                .handled(true)
                .process(store.unlessStoreDown(ledger::deadLetter));
        // A bug on one record must not stop the run; a ledger that cannot be written must, so the page is redone.
        policy.onException(RuntimeException.class)
                .handled(true)
                .process(store.unlessStoreDown(ledger::deadLetter));
        // The ledger database down is no record's fault: the record stays as it is and the run stops taking more.
        policy.onException(LedgerException.class)
                .onWhen(StoreOutages::caused)
                .handled(true)
                .process(store::leave);
        policy.onException(LedgerException.class)
                .handled(false);
    }
}
