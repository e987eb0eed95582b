package io.medsync.ledger;

import java.time.Instant;

/**
 * Where an incremental pull stands. {@code watermark} is the {@code updated_since} of the next run; a non-null
 * {@code runStartedAt} means a run was interrupted after {@code pageCursor} and should resume there.
 */
public record SyncCursor(Instant watermark, String pageCursor, Instant runStartedAt) {

    public static final SyncCursor NONE = new SyncCursor(null, null, null);

    public boolean interrupted() {
        return runStartedAt != null;
    }
}
