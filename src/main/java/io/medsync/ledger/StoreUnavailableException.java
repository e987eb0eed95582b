package io.medsync.ledger;

/**
 * The ledger database was found unavailable earlier in this run: the record is not taken (it stays as the ledger
 * has it), without another attempt at a connection.
 */
public class StoreUnavailableException extends LedgerException {

    public StoreUnavailableException(String message) {
        super(message, null);
    }
}
