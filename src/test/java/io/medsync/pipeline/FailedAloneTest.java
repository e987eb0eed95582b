package io.medsync.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * A NovaMed call that fails while NovaMed answers other calls is the record's problem (it may end as a dead letter);
 * one that fails while nothing answers is an outage (the record waits, pending).
 */
class FailedAloneTest {

    private final PartnerCircuit circuit = new PartnerCircuit("novamed", "t", 3, Duration.ofSeconds(30),
            Clock.systemUTC());

    @Test
    void aFreshProcessWhoseFirstCallsFailHasNoEvidenceThatNovaMedAnswersOthers() {
        long before = circuit.answers();
        circuit.failed();
        assertThat(NovaMedPushSteps.failedAlone(circuit, before)).as("first failure of a fresh circuit").isFalse();
        long second = circuit.answers();
        circuit.failed();
        assertThat(NovaMedPushSteps.failedAlone(circuit, second)).isFalse();
    }

    @Test
    void aCallThatFailsWhileOtherCallsAreAnsweredFailedAlone() {
        long before = circuit.answers();
        circuit.answered(); // another record's call, during this one
        circuit.failed();
        assertThat(NovaMedPushSteps.failedAlone(circuit, before)).isTrue();
    }

    @Test
    void answersBeforeTheCallStartedAreNoEvidence() {
        circuit.answered();
        long before = circuit.answers();
        circuit.failed();
        assertThat(NovaMedPushSteps.failedAlone(circuit, before)).isFalse();
    }

    @Test
    void anOpenCircuitIsAnOutageWhateverAnsweredBefore() {
        long before = circuit.answers();
        circuit.answered();
        circuit.failed();
        circuit.failed();
        circuit.failed();
        assertThat(circuit.unavailable()).isTrue();
        assertThat(NovaMedPushSteps.failedAlone(circuit, before)).isFalse();
    }
}
