package io.medsync.novamed;

/**
 * A create whose outcome is unknown (5xx, timeout, lost answer) for a resource NovaMed does not deduplicate: it may
 * exist in NovaMed already, so it is not resent automatically. The message carries statuses only.
 */
public class DeliveryInDoubtException extends RuntimeException {

    private final Integer httpStatus;

    public DeliveryInDoubtException(String message, Integer httpStatus) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
    }

    public Integer httpStatus() {
        return httpStatus;
    }
}
