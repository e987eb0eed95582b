package io.medsync.novamed;

/**
 * Which body NovaMed's medication-order endpoint takes: NovaMed's docs show the current {@code medication_requests[]}
 * shape and an older flat one, and clinics may sit on either.
 */
public enum MedicationOrderShape {
    /** Shape B, {@code POST /api/external/medication-order} (the current partner spec). */
    CURRENT("/api/external/medication-order"),
    /** Shape A, {@code POST /api/external/medication-request} (the legacy spec). */
    LEGACY("/api/external/medication-request");

    private final String documentedPath;

    MedicationOrderShape(String documentedPath) {
        this.documentedPath = documentedPath;
    }

    /** The path NovaMed's docs give for this shape, used unless {@code medication-order.path} is set. */
    public String documentedPath() {
        return documentedPath;
    }
}
