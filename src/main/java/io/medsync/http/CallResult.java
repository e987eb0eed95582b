package io.medsync.http;

import java.net.http.HttpHeaders;

/**
 * The end of one outbound exchange. {@code body} may hold PHI echoed by a server: callers read fields from it,
 * they never log it.
 */
public record CallResult(CallOutcome outcome, int status, String body, HttpHeaders headers, int attempts, String failure) {

    public boolean succeeded() {
        return outcome == CallOutcome.SUCCESS;
    }
}
