package io.medsync.pipeline;

import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;

/**
 * One kind of source record the pipeline delivers (NexHealth patients, FHIR prescriptions, refill requests...): the
 * extension point through which a source plugs into the shared delivery route. A source contributes one CDI bean per
 * kind and instantiates the delivery route for it from its own routes ({@link DeliveryRoutes#deliver}); the pipeline
 * knows nothing else about the source.
 */
public interface RecordKind {

    SourceSystem source();

    ResourceType resource();

    /** Names the kind in route ids, e.g. {@code nexhealth-patient}: its delivery route is {@code deliver-<name>}. */
    String name();

    /** The Java type of the source record, to read stored payloads (parked, in doubt, dead-lettered) again. */
    Class<?> sourceType();

    /**
     * The NovaMed command of the record, before its parties are resolved: a pure function of the source record and
     * the tenant's mapping defaults.
     *
     * @throws io.medsync.mapping.MappingException naming the field and the rule it breaks
     */
    Object map(Delivery delivery);

    /**
     * Fills in the NovaMed ids of the records this one needs (its practitioner, an order's patient...) through the
     * crosswalk. Most kinds need none.
     *
     * @throws UnresolvedDependencyException when a party is not in NovaMed (yet)
     */
    default Delivery resolveParties(Delivery mapped) {
        return mapped;
    }

    default String routeId() {
        return "deliver-" + name();
    }

    default String endpoint() {
        return "direct:" + routeId();
    }
}
