package io.medsync.nexhealth;

import java.util.List;

/**
 * One page of a cursor-paged NexHealth collection. {@code endCursor} continues after it. Items that could not be
 * read are kept apart so that one bad record fails alone instead of the page.
 */
public record NexHealthPage<T>(List<T> items, List<Malformed> malformed, boolean hasNextPage, String endCursor) {

    /** An item whose shape does not match the contract; {@code reason} names the field, not its value. */
    public record Malformed(String sourceId, String reason, com.fasterxml.jackson.databind.JsonNode raw) {
    }
}
