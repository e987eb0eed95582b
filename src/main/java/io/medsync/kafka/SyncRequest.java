package io.medsync.kafka;

import io.medsync.ledger.ResourceType;

/**
 * "Sync this record now", from the sync-requests topic (version 1). Ids only: a NexHealth numeric id, or a NextGen
 * (FHIR) patient id.
 */
public record SyncRequest(String tenant, String source, ResourceType resource, String id) {
}
