package io.medsync.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A record dead-lettered by an error medsync did not expect says which error and where it was thrown, so an operator
 * can find the fault, but never what the error's message says (it may quote the record).
 */
class UnexpectedFailureReasonTest {

    @Test
    void anUnexpectedErrorIsNamedByItsCauseChainAndOriginWithoutItsMessages() {
        IllegalStateException inner = new IllegalStateException("Zoë Nguyen, born 1984-02-29");
        RuntimeException outer = new RuntimeException("while delivering zoe.nguyen@example.org", inner);

        String reason = LedgerSteps.reasonOf(outer);

        assertThat(reason).startsWith("unexpected RuntimeException <- IllegalStateException at "
                + UnexpectedFailureReasonTest.class.getName() + ".");
        assertThat(reason).doesNotContain("Zoë", "1984", "example.org");
    }
}
