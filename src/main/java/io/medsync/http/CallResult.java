package io.medsync.http;

/**
 * The end of one outbound exchange. {@code body} may hold PHI echoed by a server: callers read fields from it,
 * they never log it.
 */
public record CallResult(CallOutcome outcome, int status, String body, ResponseHeaders headers, int attempts, String failure) {

    public boolean succeeded() {
        return outcome == CallOutcome.SUCCESS;
    }

    /** The same end, counted as attempt {@code attempt} of its call. */
    CallResult withAttempts(int attempt) {
        return new CallResult(outcome, status, body, headers, attempt, failure);
    }
}
