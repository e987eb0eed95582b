package io.medsync.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects every reason a record is refused while a mapper goes on checking the other fields, so that the refusal
 * names all of them at once ({@link MappingException#reasons()}). Not thread-safe: one per mapping call.
 */
public final class Problems {

    private final List<String> reasons = new ArrayList<>();

    /** The step's result, or null when it refused (its reasons are kept). */
    public <T> T check(Supplier<T> step) {
        try {
            return step.get();
        } catch (MappingException e) {
            reasons.addAll(e.reasons());
            return null;
        }
    }

    public void add(String reason) {
        reasons.add(reason);
    }

    public boolean isEmpty() {
        return reasons.isEmpty();
    }

    /** @throws MappingException with every reason collected, when there is any */
    public void throwIfAny() {
        if (!reasons.isEmpty()) {
            throw new MappingException(reasons);
        }
    }
}
