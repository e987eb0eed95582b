package io.medsync.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.medsync.ledger.ResourceType;

/** The once mode's exit code as a scheduler (cron, Kubernetes Job) reads it: 2 means "try again later". */
class RunOnceExitCodeTest {

    @Test
    void aCompletedCycleExitsZero() {
        assertThat(RunOnceMode.exitCode(new SyncRun())).isZero();
    }

    @Test
    void aLedgerOutageExitsWithTheUnavailableCodeNotTheConfigurationOne() {
        SyncRun run = new SyncRun();
        run.storeUnavailable("demo-clinic");

        assertThat(RunOnceMode.exitCode(run)).isEqualTo(2);
    }

    @Test
    void aPartnerOutageOrAPullStoppedEarlyExitsTwo() {
        SyncRun partnerDown = new SyncRun();
        partnerDown.partnerUnavailable("demo-clinic", "novamed");
        SyncRun pullStopped = new SyncRun();
        pullStopped.error("demo-clinic", ResourceType.PATIENT, "HTTP 500");

        assertThat(RunOnceMode.exitCode(partnerDown)).isEqualTo(2);
        assertThat(RunOnceMode.exitCode(pullStopped)).isEqualTo(2);
    }
}
