package io.medsync.pipeline;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.camel.spi.CamelEvent.CamelContextStartedEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.Quarkus;

/**
 * {@code medsync.run.mode=once}: as soon as Camel is up, run one sync cycle over every tenant, print the summary,
 * write it as JSON and exit (0, or 2 when a pull stopped early or a partner or the ledger database was unavailable).
 * In {@code service} mode (the default) this does nothing and the scheduled routes run until the process is stopped.
 */
@ApplicationScoped
public class RunOnceMode {

    private static final Logger LOG = Logger.getLogger(RunOnceMode.class);

    private final SyncJobRunner runner;
    private final ObjectMapper mapper;
    private final String mode;
    private final boolean fullResync;
    private final Path summaryFile;

    RunOnceMode(SyncJobRunner runner, ObjectMapper mapper,
            @ConfigProperty(name = "medsync.run.mode") String mode,
            @ConfigProperty(name = "medsync.run.full-resync", defaultValue = "false") boolean fullResync,
            @ConfigProperty(name = "medsync.run.summary-file") Path summaryFile) {
        this.runner = runner;
        this.mapper = mapper;
        this.mode = mode;
        this.fullResync = fullResync;
        this.summaryFile = summaryFile;
    }

    void onCamelStarted(@Observes CamelContextStartedEvent started) {
        if (!"once".equals(mode)) {
            return;
        }
        // Off the start-up thread, so start-up completes before the cycle begins.
        Thread cycle = new Thread(this::runCycleAndExit, "medsync-run-once");
        cycle.start();
    }

    /** 0 when the cycle completed; 2 when a pull stopped early or a partner or the ledger database was down. */
    static int exitCode(SyncRun run) {
        boolean unavailable = run.storeUnavailable() || !run.unavailablePartners().isEmpty();
        return run.errors().isEmpty() && !unavailable ? 0 : 2;
    }

    private void runCycleAndExit() {
        int exitCode;
        try {
            SyncRun run = runner.runAllTenants(fullResync);
            System.out.println();
            System.out.print(SyncSummary.table(run));
            SyncSummary.writeJson(run, summaryFile, mapper);
            System.out.println("summary written to " + summaryFile.toAbsolutePath());
            exitCode = exitCode(run);
            if (!run.errors().isEmpty()) {
                LOG.error("the sync cycle stopped early for some tenants; see the errors above");
            } else if (exitCode != 0) {
                LOG.warn("the sync cycle stopped early: a partner or the ledger database was unavailable; the next run"
                        + " resumes");
            }
        } catch (Exception e) {
            LOG.errorf("the sync cycle failed: %s", e.getClass().getSimpleName());
            exitCode = 1;
        }
        Quarkus.asyncExit(exitCode);
    }
}
