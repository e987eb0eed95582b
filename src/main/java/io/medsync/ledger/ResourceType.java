package io.medsync.ledger;

/** The kind of source record; its NovaMed counterpart is fixed by the pipeline that handles it. */
public enum ResourceType {
    PROVIDER, PATIENT, APPOINTMENT, MEDICATION_ORDER;

    public String label() {
        return name().toLowerCase();
    }
}
