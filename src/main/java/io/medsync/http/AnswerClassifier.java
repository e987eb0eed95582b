package io.medsync.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;

/**
 * The last step of a partner's route: the endpoint's answer, or the I/O failure that replaced it, as a
 * {@link CallResult}. "Nothing was sent" (refused, unknown host, connect or pool timeout) is told apart from "the
 * answer was lost" (read timeout, connection closed after sending): only the first is always safe to resend.
 */
final class AnswerClassifier {

    private AnswerClassifier() {
    }

    static void classify(Exchange exchange) {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        exchange.getMessage().setBody(caught != null ? failure(caught) : answer(exchange));
    }

    private static CallResult answer(Exchange exchange) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        Map<String, Object> headers = new LinkedHashMap<>();
        exchange.getMessage().getHeaders().forEach((name, value) -> {
            if (!name.startsWith("Camel") && !name.startsWith("camel")) {
                headers.put(name, value);
            }
        });
        return new CallResult(classify(status), status, body == null ? "" : body, ResponseHeaders.of(headers), 1,
                null);
    }

    static CallResult failure(Throwable e) {
        if (neverSent(e)) {
            return new CallResult(CallOutcome.CONNECTION_FAILED, 0, null, null, 1, e.getClass().getSimpleName());
        }
        if (e instanceof SocketTimeoutException) {
            return new CallResult(CallOutcome.AMBIGUOUS_IO, 0, null, null, 1, "timeout");
        }
        return new CallResult(CallOutcome.AMBIGUOUS_IO, 0, null, null, 1, e instanceof IOException
                ? e.getClass().getSimpleName() : "unexpected " + e.getClass().getSimpleName());
    }

    /** Refused, unknown host, connect timeout, or no pooled connection in time: the request never left. */
    private static boolean neverSent(Throwable e) {
        return e instanceof ConnectException || e instanceof UnknownHostException
                || e instanceof org.apache.hc.client5.http.ConnectTimeoutException
                || (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)
                        && e.getClass().getSimpleName().contains("ConnectionRequestTimeout"));
    }

    static CallOutcome classify(int status) {
        if (status >= 200 && status < 300) {
            return CallOutcome.SUCCESS;
        }
        if (status == 429) {
            return CallOutcome.RATE_LIMITED;
        }
        if (status == 401) {
            return CallOutcome.UNAUTHORIZED;
        }
        if (status >= 500) {
            return CallOutcome.SERVER_ERROR;
        }
        return CallOutcome.REJECTED;
    }
}
