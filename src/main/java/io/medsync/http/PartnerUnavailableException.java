package io.medsync.http;

/**
 * A partner could not take or serve a request for reasons that are not the request's: nothing reached it
 * (connection refused, DNS, connect timeout), it kept failing (503, a streak of 5xx, timeouts) or kept
 * rate-limiting. Not a refusal: the record waits (pending) and is sent again once the partner answers. The message
 * carries the partner, statuses and attempts only.
 */
public class PartnerUnavailableException extends RuntimeException {

    private final String partner;

    public PartnerUnavailableException(String partner, String message) {
        super(message, null, false, false);
        this.partner = partner;
    }

    /** The partner's name as used in metrics and the run summary, e.g. {@code novamed}. */
    public String partner() {
        return partner;
    }
}
