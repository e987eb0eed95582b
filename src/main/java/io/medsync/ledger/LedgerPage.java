package io.medsync.ledger;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the ledger held for the records of one source page when the page arrived, read in one query, and the keys
 * the page inserted as pending in one transaction. Each key answers once: a record delivered a second time within
 * the page (a released dependent, a duplicate item) goes through the ledger's own per-record check.
 */
public final class LedgerPage {

    static final LedgerPage EMPTY = new LedgerPage(Map.of(), Set.of());

    private final Map<RecordKey, LedgerEntry> known;
    private final Set<RecordKey> insertedPending;

    LedgerPage(Map<RecordKey, LedgerEntry> known, Set<RecordKey> insertedPending) {
        this.known = new ConcurrentHashMap<>(known);
        this.insertedPending = ConcurrentHashMap.newKeySet();
        this.insertedPending.addAll(insertedPending);
    }

    /** True once, for a key this page inserted as pending: its verdict is NEW. */
    boolean takeInserted(RecordKey key) {
        return insertedPending.remove(key);
    }

    /** The entry read with the page, handed out once. */
    Optional<LedgerEntry> take(RecordKey key) {
        return Optional.ofNullable(known.remove(key));
    }

    /** Keys the page still holds an answer for (for tests and diagnosis). */
    public int size() {
        return known.size() + insertedPending.size();
    }
}
