package io.medsync.http;

import java.util.function.Function;

/**
 * The end of one outbound exchange. {@code body} may hold PHI echoed by a server: callers read fields from it,
 * they never log it.
 *
 * @param answer        a 2xx body as the request's {@link PartnerRequest#answerType() answer type} (null: none asked
 *                      for, or it did not match)
 * @param answerProblem why a 2xx body did not match the answer type, by field path only (null: it matched)
 */
public record CallResult(CallOutcome outcome, int status, String body, ResponseHeaders headers, int attempts,
        String failure, Object answer, String answerProblem) {

    public CallResult(CallOutcome outcome, int status, String body, ResponseHeaders headers, int attempts,
            String failure) {
        this(outcome, status, body, headers, attempts, failure, null, null);
    }

    public boolean succeeded() {
        return outcome == CallOutcome.SUCCESS;
    }

    /**
     * The answer read as {@code type}, or what {@code unreadable} makes of the problem (which names fields, never
     * values) when the body did not match it.
     */
    public <T, X extends RuntimeException> T answer(Class<T> type, Function<String, X> unreadable) {
        if (type.isInstance(answer)) {
            return type.cast(answer);
        }
        throw unreadable.apply(answerProblem != null ? answerProblem
                : answer == null ? "no answer of the expected kind" : "not a " + type.getSimpleName());
    }

    /** The same end, counted as attempt {@code attempt} of its call. */
    CallResult withAttempts(int attempt) {
        return new CallResult(outcome, status, body, headers, attempt, failure, answer, answerProblem);
    }

    /** The same end with its body read as {@code read} ({@code problem}: why it could not be). */
    CallResult withAnswer(Object read, String problem) {
        return new CallResult(outcome, status, body, headers, attempts, failure, read, problem);
    }
}
