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

    /**
     * The verdict of a record whose state read with the page settles it without a write: delivered or drifted with
     * this content (UNCHANGED), failed or parked with this content or in doubt (UNRESOLVED); empty for anything else
     * (pending, in flight, changed content), which the ledger decides on the current row. Each key's entry is handed
     * out once, settled or not.
     */
    public Optional<Verdict> settled(RecordKey key, String contentHash) {
        LedgerEntry entry = known.remove(key);
        return entry == null ? Optional.empty() : Optional.ofNullable(settles(entry, contentHash));
    }

    private static Verdict settles(LedgerEntry entry, String contentHash) {
        boolean sameContent = contentHash.equals(entry.contentHash());
        return switch (entry.state()) {
            case DELIVERED -> sameContent ? Verdict.UNCHANGED : null;
            case DRIFTED -> sameContent || contentHash.equals(entry.driftedHash()) ? Verdict.UNCHANGED : null;
            case FAILED, PARKED -> sameContent ? Verdict.UNRESOLVED : null;
            case IN_DOUBT -> Verdict.UNRESOLVED;
            // pending or in flight: decided on the current row
            case PENDING, IN_FLIGHT -> null;
        };
    }

    /** Keys the page still holds an answer for (for tests and diagnosis). */
    public int size() {
        return known.size() + insertedPending.size();
    }
}
