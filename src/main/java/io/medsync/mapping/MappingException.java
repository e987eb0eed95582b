package io.medsync.mapping;

import java.util.List;
import java.util.function.Supplier;

/**
 * A source record that cannot become a NovaMed command, with every reason found (so an operator fixes the source in
 * one go). Reasons name fields and rules, never values: they are stored in the ledger and logged, so they must not
 * carry PHI.
 */
public class MappingException extends RuntimeException {

    /** What separates the reasons in {@link #reason()}. */
    public static final String SEPARATOR = "; ";

    private final List<String> reasons;

    public MappingException(String reason) {
        this(List.of(reason));
    }

    public MappingException(List<String> reasons) {
        super(String.join(SEPARATOR, reasons), null, false, false);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a refusal needs at least one reason");
        }
        this.reasons = List.copyOf(reasons);
    }

    /** All reasons in one line, in the order they were found. */
    public String reason() {
        return getMessage();
    }

    /** Each reason on its own. */
    public List<String> reasons() {
        return reasons;
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
