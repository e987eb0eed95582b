package io.medsync.novamed;

/**
 * A successful create. {@code alreadyExisted} means NovaMed said the record exists (a resend after an ambiguous
 * failure, or created by someone else); its id is then unknown. {@code createdByThisCall}: NovaMed created the
 * record during this call, also when its answer was lost and the resend was answered "already exists"; false when
 * the first request was answered "already exists" (NovaMed had it before: the run summary counts it linked).
 */
public record NovaMedCreated(String novaMedId, boolean alreadyExisted, boolean createdByThisCall) {

    public NovaMedCreated(String novaMedId, boolean alreadyExisted) {
        this(novaMedId, alreadyExisted, !alreadyExisted);
    }
}
