package io.medsync.nextgen;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Where a patient's NextGen grant stands. */
@RegisterForReflection
public enum EnrolmentState {
    /** Tokens are held and used. */
    ACTIVE,
    /** NextGen refused the grant (revoked, expired after 48 h, rotated elsewhere): the patient must consent again. */
    NEEDS_RECONSENT
}
