package io.medsync.nexhealth;

import java.time.Instant;
import java.util.List;

import io.medsync.ledger.CursorKey;
import io.medsync.ledger.ResourceType;
import io.medsync.pipeline.Delivery;
import io.medsync.tenant.NexHealthLocation;
import io.medsync.tenant.Tenant;

/** The state of one incremental pull while its pages go by; lives in an exchange property. */
final class NexHealthPull {

    final Tenant tenant;
    final NexHealthLocation location;
    final ResourceType resource;
    final CursorKey cursorKey;
    final Instant updatedSince;
    final Instant runStartedAt;
    String pageCursor;
    boolean hasNextPage = true;
    boolean failed;
    String nextPageCursor;
    boolean nextHasNextPage;
    List<Delivery> page = List.of();

    NexHealthPull(Tenant tenant, NexHealthLocation location, ResourceType resource, CursorKey cursorKey,
            Instant updatedSince, Instant runStartedAt, String pageCursor) {
        this.tenant = tenant;
        this.location = location;
        this.resource = resource;
        this.cursorKey = cursorKey;
        this.updatedSince = updatedSince;
        this.runStartedAt = runStartedAt;
        this.pageCursor = pageCursor;
    }
}
