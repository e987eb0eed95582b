package io.medsync.pipeline;

import io.medsync.ledger.RecordKey;
import io.medsync.ledger.SourceSystem;
import io.medsync.tenant.Tenant;

/**
 * A source's way to read one of its records again and send it through its delivery route: a dead letter's replay
 * delivers the record as the source holds it now (fixed there, say), not the payload stored when it failed. One CDI
 * bean per source system; a source without one is replayed from the stored payload.
 */
public interface SourceReread {

    SourceSystem source();

    /**
     * Reads {@code key} from the source and sends it through its delivery route (the ledger released it already).
     *
     * @param stored the record as stored with its dead letter (ids in it say where to read, e.g. an order's patient)
     * @param replayOf the dead letter being replayed, for the new dead letter if it fails again
     * @return empty when the record was read and sent; else why the source could not serve it (the caller then
     *         sends the stored payload). Names ids and statuses, never PHI.
     */
    java.util.Optional<String> reread(Tenant tenant, RecordKey key, Object stored, Long replayOf);
}
