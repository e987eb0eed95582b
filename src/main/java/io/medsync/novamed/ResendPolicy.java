package io.medsync.novamed;

/**
 * What to do after an ambiguous create (5xx, timeout, lost answer). The vendor documents deduplication only
 * partly, so this is a per-resource setting.
 */
public enum ResendPolicy {
    /** NovaMed deduplicates this resource (practitioners by NPI, patients by identity): resend. */
    SAFE,
    /** A resend could create a second copy: stop and ask an operator (the in-doubt state). */
    IN_DOUBT
}
