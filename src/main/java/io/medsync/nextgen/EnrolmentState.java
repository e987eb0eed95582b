package io.medsync.nextgen;

/** Where a patient's NextGen grant stands. */
public enum EnrolmentState {
    /** Tokens are held and used. */
    ACTIVE,
    /** NextGen refused the grant (revoked, expired after 48 h, rotated elsewhere): the patient must consent again. */
    NEEDS_RECONSENT
}
