package io.medsync.http;

import java.io.IOException;

import org.apache.camel.Exchange;
import org.apache.camel.component.jackson.JacksonConstants;

/**
 * The steps around the Camel Jackson {@code unmarshal} of a partner's route: a 2xx answer whose request named an
 * answer type ({@link PartnerRequest#answeredAs}) is read into that record, and the {@link CallResult} carries it,
 * or the problem by field path when the body does not match. The raw text stays in the result: error answers are
 * never unmarshalled, their callers read what they need of them (NovaMed's "already exists", OAuth error codes).
 */
final class PartnerAnswers {

    /** The request's answer type, from the request line to the unmarshal step. */
    static final String ANSWER_TYPE = "medsync.partnerAnswerType";
    private static final String CLASSIFIED = "medsync.partnerClassifiedAnswer";

    private PartnerAnswers() {
    }

    static boolean expected(Exchange exchange) {
        return exchange.getProperty(ANSWER_TYPE) != null
                && exchange.getMessage().getBody(CallResult.class).succeeded();
    }

    /** The answer's text becomes the body, its type the one Camel Jackson reads it as (set here, never a partner's). */
    static void prepare(Exchange exchange) {
        CallResult classified = exchange.getMessage().getBody(CallResult.class);
        exchange.setProperty(CLASSIFIED, classified);
        exchange.getMessage().setHeader(JacksonConstants.UNMARSHAL_TYPE,
                exchange.getProperty(ANSWER_TYPE, Class.class).getName());
        exchange.getMessage().setBody(classified.body());
    }

    static void read(Exchange exchange) {
        Object answer = exchange.getMessage().getBody();
        exchange.getMessage().removeHeader(JacksonConstants.UNMARSHAL_TYPE);
        exchange.getMessage().setBody(classified(exchange).withAnswer(answer,
                answer == null ? "the body is empty or null" : null));
    }

    static void unreadable(Exchange exchange) {
        IOException problem = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, IOException.class);
        exchange.getMessage().removeHeader(JacksonConstants.UNMARSHAL_TYPE);
        exchange.getMessage().setBody(classified(exchange).withAnswer(null, ContractProblem.describe(problem)));
    }

    private static CallResult classified(Exchange exchange) {
        return exchange.getProperty(CLASSIFIED, CallResult.class);
    }
}
