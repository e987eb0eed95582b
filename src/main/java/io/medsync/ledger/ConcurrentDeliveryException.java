package io.medsync.ledger;

/** Another worker took this record into flight first; this one must not send it too. */
public class ConcurrentDeliveryException extends RuntimeException {

    public ConcurrentDeliveryException(RecordKey key) {
        super(key + " is being delivered by another worker", null, false, false);
    }
}
