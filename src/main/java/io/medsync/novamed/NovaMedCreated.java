package io.medsync.novamed;

/**
 * A successful create. {@code alreadyExisted} means NovaMed said the record exists (a resend after an ambiguous
 * failure, or created by someone else); its id is then unknown.
 */
public record NovaMedCreated(String novaMedId, boolean alreadyExisted) {
}
