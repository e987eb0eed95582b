package io.medsync.nexhealth;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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
    private String readAheadCursor;
    private CompletableFuture<PageRead> readAhead;

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

    /** Keeps the page being read ahead at {@code cursor}, in place of any earlier one. */
    void readAhead(String cursor, CompletableFuture<PageRead> read) {
        dropReadAhead();
        readAheadCursor = cursor;
        readAhead = read;
    }

    /**
     * The page read ahead at {@code cursor} once it has arrived, or null when none was read at that cursor (the pull
     * then reads it itself). A read that failed throws here, as a direct read would have.
     */
    PageRead takeReadAhead(String cursor) {
        CompletableFuture<PageRead> read = readAhead;
        if (read == null || !Objects.equals(cursor, readAheadCursor)) {
            dropReadAhead();
            return null;
        }
        readAhead = null;
        readAheadCursor = null;
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The pull stops or goes elsewhere: a page read ahead is not needed (a read under way ends unused). */
    void dropReadAhead() {
        if (readAhead != null) {
            readAhead.cancel(false);
            readAhead = null;
            readAheadCursor = null;
        }
    }
}
