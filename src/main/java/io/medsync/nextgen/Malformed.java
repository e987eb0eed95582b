package io.medsync.nextgen;

/**
 * A Bundle entry medsync cannot read. {@code reason} names the missing or invalid element, never its value, so it
 * can be logged and stored; {@code resourceType} and {@code sourceId} are null when the entry does not say them.
 */
public record Malformed(String resourceType, String sourceId, String reason) {
}
