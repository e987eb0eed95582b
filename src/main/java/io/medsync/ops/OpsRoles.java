package io.medsync.ops;

/**
 * The two ops roles. A viewer reads (status, lists, counts, the audit trail); an operator also acts (replay,
 * discard, resolve, pause, resume, sync now, rotate) and reads payloads. Every operator is a viewer too.
 */
public final class OpsRoles {

    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";

    private OpsRoles() {
    }
}
