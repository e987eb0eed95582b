package io.medsync.mapping;

import java.util.function.Supplier;

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

    /**
     * Runs a mapping so that only a {@code MappingException} escapes: a bug must still surface as a per-record
     * failure, and JDK exception messages may quote values.
     *
     * @param record names the record in the reason, e.g. "patient"
     */
    public static <T> T guard(String record, Supplier<T> mapping) {
        try {
            return mapping.get();
        } catch (MappingException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MappingException(record + " could not be mapped: unexpected " + e.getClass().getSimpleName());
        }
    }
}
