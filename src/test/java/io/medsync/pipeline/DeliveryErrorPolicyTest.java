package io.medsync.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.medsync.http.PartnerUnavailableException;
import io.medsync.ledger.ConcurrentDeliveryException;
import io.medsync.ledger.LedgerException;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.mapping.MappingException;
import io.medsync.novamed.DeliveryInDoubtException;
import io.medsync.novamed.NovaMedRejectedException;

/**
 * Each branch of the delivery routes' one error policy, on a bare Camel context (no application, no ledger): which
 * outcome a failure of each kind becomes, that the route goes on after it, and that a ledger failure is not swallowed
 * (the page must be redone). The same outcomes through the edges: DeliveryFailureModesTest, ChaosDeliveryTest.
 */
class DeliveryErrorPolicyTest {

    private static final RecordKey KEY = new RecordKey("t", SourceSystem.NEXHEALTH, ResourceType.PATIENT, "1");

    /** Records which ledger step the policy chose instead of writing to a ledger. */
    static final class RecordingLedgerSteps extends LedgerSteps {
        final List<String> outcomes = new CopyOnWriteArrayList<>();

        RecordingLedgerSteps() {
            super(null, null, null, null, null, 4);
        }

        @Override
        public void skipConcurrent(Exchange exchange) {
            outcomes.add("skipped");
        }

        @Override
        public void park(Exchange exchange) {
            outcomes.add("parked");
        }

        @Override
        public void markInDoubt(Exchange exchange) {
            outcomes.add("in-doubt");
        }

        @Override
        public void defer(Exchange exchange) {
            outcomes.add("pending");
        }

        @Override
        public void deadLetter(Exchange exchange) {
            outcomes.add("dead-letter");
        }
    }

    private final RecordingLedgerSteps ledger = new RecordingLedgerSteps();
    private DefaultCamelContext camel;
    private ProducerTemplate producer;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new DeliveryErrorPolicy(ledger, new StoreOutages(null, null)));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:deliver")
                        .routeId("deliver-under-test")
                        .routeConfigurationId(DeliveryErrorPolicy.ID)
                        .process(exchange -> {
                            throw exchange.getMessage().getBody(RuntimeException.class);
                        });
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new ConcurrentDeliveryException(KEY), "skipped"),
                Arguments.of(new UnresolvedDependencyException("waits for its practitioner", KEY), "parked"),
                Arguments.of(new DeliveryInDoubtException("answer lost after the request was sent", null), "in-doubt"),
                Arguments.of(new MappingException("date_of_birth: missing"), "dead-letter"),
                Arguments.of(new NovaMedRejectedException("NovaMed refused the patient", 422), "dead-letter"),
                Arguments.of(new PartnerUnavailableException("novamed", "NovaMed was unreachable"), "pending"),
                Arguments.of(new IllegalStateException("a bug on one record"), "dead-letter"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("failures")
    void eachFailureBecomesItsOutcomeAndTheRunGoesOn(RuntimeException failure, String outcome) {
        producer.sendBody("direct:deliver", failure);

        assertThat(ledger.outcomes).containsExactly(outcome);
    }

    @Test
    void aLedgerThatCannotBeWrittenStopsTheRunSoThePageIsRedone() {
        LedgerException down = new LedgerException("ledger unreachable", null);

        assertThatThrownBy(() -> producer.sendBody("direct:deliver", down))
                .isInstanceOf(CamelExecutionException.class).hasCause(down);
        assertThat(ledger.outcomes).isEmpty();
    }
}
