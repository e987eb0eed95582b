package io.medsync.mapping;

/**
 * A source record that cannot become a NovaMed command. The reason names fields and rules, never values:
 * it is stored in the ledger and logged, so it must not carry PHI.
 */
public class MappingException extends RuntimeException {

    public MappingException(String reason) {
        super(reason, null, false, false);
    }

    public String reason() {
        return getMessage();
    }
}
