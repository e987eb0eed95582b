package io.medsync.ledger;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/** The ledger could not be read or written. Messages carry record keys only. */
public class LedgerException extends RuntimeException {

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The SQLState (or the exception type, when it names none) of the failure when it means the ledger database is
     * not there, rather than a statement it refused: a connection that broke or could not be opened (SQLState class
     * 08, the JDBC connection exception types), or a pool that had none to give. Empty for anything else (a
     * constraint, a bug). Free of PHI: states and type names only.
     *
     * <p>Why the whole cause chain: other layers (the rate budget, the outbox) wrap the driver's exception in their
     * own, and a store outage is one whichever statement met it.
     */
    public static Optional<String> storeOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StoreUnavailableException) {
                return Optional.of("unavailable");
            }
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return Optional.of(t.getClass().getSimpleName());
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && state.startsWith("08")) {
                    return Optional.of("SQLState " + state);
                }
                // Agroal's answer when no connection could be had within the acquisition timeout (it names no state).
                if (state == null && sql.getMessage() != null && sql.getMessage().contains("acquisition timeout")) {
                    return Optional.of("no connection within the pool's acquisition timeout");
                }
            }
        }
        return Optional.empty();
    }
}
