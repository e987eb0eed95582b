package io.medsync.pipeline;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.medsync.ledger.Ledger;
import io.medsync.ledger.RecordKey;

/**
 * The crosswalk as party resolution sees it: source record → NovaMed id, from the ledger; in a go-live rehearsal
 * ({@link DryRun#rehearsal()}) also from its scratch state, where a party that would be created has a placeholder id
 * so that its dependents count as created too, not parked.
 */
@ApplicationScoped
public class Crosswalk {

    private final Ledger ledger;

    Crosswalk(Ledger ledger) {
        this.ledger = ledger;
    }

    /** The NovaMed id of the record, if NovaMed has it (or, in a rehearsal, would have it). */
    public Optional<String> novaMedId(RecordKey key) {
        Optional<String> id = ledger.novaMedId(key);
        if (id.isPresent()) {
            return id;
        }
        return DryRun.resolving().flatMap(dryRun -> dryRun.placeholderId(key.toString()));
    }

    /** Whether the record was ever pulled (the ledger has it, or the rehearsal has met it). */
    public boolean known(RecordKey key) {
        return ledger.find(key).isPresent()
                || DryRun.resolving().map(dryRun -> dryRun.knows(key.toString())).orElse(false);
    }
}
