package io.medsync.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.medsync.testing.SettableClock;

/** The circuit of a partner's API key, driven as parallel delivery workers drive it. */
class PartnerCircuitTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-02T03:00:00Z"));
    private final PartnerCircuit circuit = new PartnerCircuit("novamed", "t", 3, Duration.ofSeconds(30), clock);

    @Test
    void anAnswerToACallSentBeforeTheOutageDoesNotCloseTheCircuitItsFailuresOpened() {
        long sentBeforeTheOutage = circuit.openings();
        circuit.failed();
        circuit.failed();
        circuit.failed();
        assertThat(circuit.unavailable()).isTrue();

        circuit.answered(sentBeforeTheOutage); // a slow worker's success, answered after the others failed

        assertThat(circuit.unavailable()).as("records still wait for the probe").isTrue();
        assertThat(circuit.tryAcquire()).as("no record goes out before the probe interval").isFalse();
    }

    @Test
    void theProbesAnswerClosesTheCircuit() {
        circuit.failed();
        circuit.failed();
        circuit.failed();
        clock.advance(Duration.ofSeconds(31));
        assertThat(circuit.tryAcquire()).as("the probe").isTrue();
        long probeSent = circuit.openings();

        circuit.answered(probeSent);

        assertThat(circuit.state()).isEqualTo(PartnerCircuit.State.CLOSED);
    }

    @Test
    void aFailedProbeReopensAndAStaleAnswerStillDoesNotClose() {
        long sentBeforeTheOutage = circuit.openings();
        circuit.failed();
        circuit.failed();
        circuit.failed();
        clock.advance(Duration.ofSeconds(31));
        circuit.tryAcquire();
        circuit.failed(); // the probe met the outage

        circuit.answered(sentBeforeTheOutage);

        assertThat(circuit.state()).isEqualTo(PartnerCircuit.State.OPEN);
    }
}
