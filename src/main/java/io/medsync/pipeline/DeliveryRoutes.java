package io.medsync.pipeline;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.builder.RouteBuilder;

import io.medsync.ledger.ConcurrentDeliveryException;
import io.medsync.ledger.LedgerException;
import io.medsync.mapping.MappingException;
import io.medsync.nexhealth.NexHealthMappingSteps;
import io.medsync.nextgen.NextGenMappingSteps;
import io.medsync.nextgen.NextGenPartyResolver;
import io.medsync.novamed.DeliveryInDoubtException;
import io.medsync.novamed.NovaMedRejectedException;

/**
 * What happens to one source record, whatever triggered its pull: ledger check, mapping, dependency resolution,
 * NovaMed create, ledger update. A record that fails is dead-lettered with its reason, one that waits for its
 * practitioner is parked, one whose create may or may not have happened is held in doubt; the run goes on.
 */
@ApplicationScoped
public class DeliveryRoutes extends RouteBuilder {

    private final LedgerSteps ledger;
    private final NexHealthMappingSteps nexHealthMapping;
    private final PractitionerResolver practitioners;
    private final NovaMedPushSteps novaMed;
    private final DependentRelease dependents;
    private final NextGenMappingSteps nextGenMapping;
    private final NextGenPartyResolver nextGenParties;
    private final RefillSteps refills;

    DeliveryRoutes(LedgerSteps ledger, NexHealthMappingSteps nexHealthMapping, PractitionerResolver practitioners,
            NovaMedPushSteps novaMed, DependentRelease dependents, NextGenMappingSteps nextGenMapping,
            NextGenPartyResolver nextGenParties, RefillSteps refills) {
        this.refills = refills;
        this.ledger = ledger;
        this.nexHealthMapping = nexHealthMapping;
        this.nextGenMapping = nextGenMapping;
        this.nextGenParties = nextGenParties;
        this.practitioners = practitioners;
        this.novaMed = novaMed;
        this.dependents = dependents;
    }

    @Override
    public void configure() {
        onException(ConcurrentDeliveryException.class)
                .handled(true)
                .process(ledger::skipConcurrent);
        onException(UnresolvedDependencyException.class)
                .handled(true)
                .process(ledger::park);
        onException(DeliveryInDoubtException.class)
                .handled(true)
                .process(ledger::markInDoubt);
        onException(MappingException.class, NovaMedRejectedException.class)
                .handled(true)
                .process(ledger::deadLetter);
        // A bug on one record must not stop the run; a ledger that cannot be written must, so the page is redone.
        onException(RuntimeException.class)
                .handled(true)
                .process(ledger::deadLetter);
        onException(LedgerException.class)
                .handled(false);

        from("direct:deliver-provider")
                .routeId("deliver-provider")
                .process(ledger::check)
                .filter(MedsyncExchange::needsDelivery)
                    .process(nexHealthMapping::providerToPractitioner)
                    .to("direct:novamed-create");

        from("direct:deliver-patient")
                .routeId("deliver-patient")
                .process(ledger::check)
                .filter(MedsyncExchange::needsDelivery)
                    .process(nexHealthMapping::patientToNovaMedPatient)
                    .process(practitioners::resolve)
                    .to("direct:novamed-create");

        from("direct:deliver-nextgen-practitioner")
                .routeId("deliver-nextgen-practitioner")
                .process(ledger::check)
                .filter(MedsyncExchange::needsDelivery)
                    .process(nextGenMapping::practitionerToNovaMed)
                    .to("direct:novamed-create");

        from("direct:deliver-nextgen-patient")
                .routeId("deliver-nextgen-patient")
                .process(ledger::check)
                .filter(MedsyncExchange::needsDelivery)
                    .process(nextGenMapping::patientToNovaMed)
                    .process(nextGenParties::patientPractitioner)
                    .to("direct:novamed-create");

        from("direct:deliver-nextgen-order")
                .routeId("deliver-nextgen-order")
                .process(ledger::check)
                .filter(MedsyncExchange::needsDelivery)
                    .process(nextGenMapping::orderToNovaMed)
                    .process(nextGenParties::orderParties)
                    .to("direct:novamed-create");

        from("direct:deliver-refill")
                .routeId("deliver-refill")
                .process(ledger::check)
                .filter(MedsyncExchange::needsDelivery)
                    .process(refills::toNovaMed)
                    .to("direct:novamed-create");

        from("direct:novamed-create")
                .routeId("novamed-create")
                .process(ledger::markInFlight)
                .process(novaMed::create)
                .process(ledger::markDelivered)
                .process(dependents::releaseDependents);
    }
}
