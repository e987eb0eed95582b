package io.medsync.nexhealth;

import java.util.List;

import io.medsync.pipeline.Delivery;

/** A NexHealth page as the pull uses it: its records as deliveries, and where the next page starts. */
record PageRead(List<Delivery> deliveries, boolean hasNextPage, String endCursor) {
}
