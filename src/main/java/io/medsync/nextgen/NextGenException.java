package io.medsync.nextgen;

/** A NextGen call failed (unreachable, 5xx after retries, malformed answer). Messages carry ids and statuses only. */
public class NextGenException extends RuntimeException {

    private final int status;

    public NextGenException(String message, int status) {
        super(message, null, false, false);
        this.status = status;
    }

    /** The HTTP status, 0 when there was no answer. */
    public int status() {
        return status;
    }
}
