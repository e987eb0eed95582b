package io.medsync.nexhealth;

/** A NexHealth read that failed after the shared retry policy gave up. The message carries no response body. */
public class NexHealthException extends RuntimeException {

    private final int httpStatus;

    public NexHealthException(String message, int httpStatus) {
        super(message);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
