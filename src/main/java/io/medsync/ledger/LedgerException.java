package io.medsync.ledger;

/** The ledger could not be read or written. Messages carry record keys only. */
public class LedgerException extends RuntimeException {

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
