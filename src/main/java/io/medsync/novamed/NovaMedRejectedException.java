package io.medsync.novamed;

/**
 * NovaMed refused or could not take a create. The message is NovaMed's error message plus the names of the fields
 * it objected to; values are never included.
 */
public class NovaMedRejectedException extends RuntimeException {

    private final Integer httpStatus;

    public NovaMedRejectedException(String message, Integer httpStatus) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
    }

    /** Null when no HTTP answer was received. */
    public Integer httpStatus() {
        return httpStatus;
    }
}
