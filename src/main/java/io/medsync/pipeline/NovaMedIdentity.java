package io.medsync.pipeline;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

import io.medsync.ledger.NovaMedIdCrosswalk;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.ResourceType;
import io.medsync.novamed.NovaMedCreated;
import io.medsync.novamed.NovaMedPractitioner;

/**
 * The NovaMed id of a delivered record. NovaMed identifies a practitioner by NPI: a second source practitioner with
 * the NPI of one already delivered is answered "already exists" without an id, and becomes that NovaMed
 * practitioner (the tenant's NPI crosswalk). A record whose id stays unknown says what the operator must do, and
 * {@link #settle} (the ops path, or the delivery of the practitioner that holds the NPI) gives it the id later and
 * releases the records waiting for it.
 */
@ApplicationScoped
public class NovaMedIdentity {

    /** Where an operator sets an unknown NovaMed id by hand ({@code ops/UnknownIdResource}). */
    public static final String OPS_PATH = "POST /ops/unknown-ids/{id}/novamed-id";
    private static final Logger LOG = Logger.getLogger(NovaMedIdentity.class);

    private final NovaMedIdCrosswalk crosswalk;
    private final DependentRelease dependents;

    NovaMedIdentity(NovaMedIdCrosswalk crosswalk, DependentRelease dependents) {
        this.crosswalk = crosswalk;
        this.dependents = dependents;
    }

    /**
     * Route step after the record is marked delivered (before its dependents are released): fills the NPI crosswalk,
     * gives an "already exists" practitioner the NovaMed id known for its NPI, and gives the practitioners of the
     * same NPI that waited for an id this one.
     */
    public void identify(Exchange exchange) {
        if (DryRun.active(exchange)) {
            return;
        }
        Delivery delivery = MedsyncExchange.delivery(exchange);
        NovaMedCreated created = exchange.getProperty(NovaMedPushSteps.CREATED, NovaMedCreated.class);
        RecordKey key = delivery.key();
        String npi = delivery.command() instanceof NovaMedPractitioner practitioner ? practitioner.npi() : null;
        if (npi != null) {
            crosswalk.rememberNpi(key, npi, created.novaMedId());
            if (created.novaMedId() != null) {
                crosswalk.awaitingNpi(key.tenantId(), npi).forEach(waiting -> settle(waiting, created.novaMedId()));
                return;
            }
            Optional<String> known = crosswalk.practitionerIdForNpi(key.tenantId(), npi);
            if (known.isPresent() && crosswalk.setNovaMedId(key, known.get())) {
                crosswalk.rememberNpi(key, npi, known.get());
                LOG.infof("%s is the NovaMed practitioner already delivered for its NPI", key);
                return;
            }
        }
        if (created.novaMedId() == null) {
            crosswalk.noteUnknownId(key, unknownIdReason(key));
            LOG.warnf("%s delivered, NovaMed id unknown: NovaMed already had it; an operator sets it with %s", key,
                    OPS_PATH);
        }
    }

    /**
     * Gives a delivered record without NovaMed id its id and releases the records parked on it; for a practitioner,
     * also the other practitioner records of its NPI still without an id.
     *
     * @return false when the record is not delivered or already has an id
     */
    public boolean settle(RecordKey key, String novaMedId) {
        if (!crosswalk.setNovaMedId(key, novaMedId)) {
            return false;
        }
        LOG.infof("%s has its NovaMed id now: releasing the records waiting for it", key);
        dependents.releaseDependentsOf(key);
        if (key.resourceType() == ResourceType.PROVIDER) {
            crosswalk.npiOf(key).ifPresent(npi -> {
                crosswalk.rememberNpi(key, npi, novaMedId);
                crosswalk.awaitingNpi(key.tenantId(), npi).forEach(waiting -> settle(waiting, novaMedId));
            });
        }
        return true;
    }

    /** What the operator reads on the record: why the id is unknown and exactly what to do. */
    static String unknownIdReason(RecordKey key) {
        String what = switch (key.resourceType()) {
            case PROVIDER -> "NovaMed already has a practitioner with this NPI, and no practitioner of the tenant with"
                    + " that NPI was created by medsync";
            case PATIENT -> "NovaMed already has this patient (same identity), created outside medsync or by a resend"
                    + " whose answer was lost";
            default -> "NovaMed answered that the record already exists";
        };
        return "delivered, NovaMed id unknown: " + what + ". Look the record up in NovaMed and set its id with "
                + OPS_PATH + " (ops console: Unknown ids); the records waiting for it are then released.";
    }
}
