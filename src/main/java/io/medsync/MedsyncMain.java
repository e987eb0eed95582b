package io.medsync;

import java.nio.file.Path;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.medsync.pipeline.SyncJobRunner;
import io.medsync.pipeline.SyncRun;
import io.medsync.pipeline.SyncSummary;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * {@code medsync.run.mode=service} (default) keeps the scheduled routes running until stopped;
 * {@code once} runs one sync cycle over every tenant, prints the summary, writes it as JSON and exits.
 */
@QuarkusMain
public class MedsyncMain implements QuarkusApplication {

    private static final Logger LOG = Logger.getLogger(MedsyncMain.class);

    @Inject
    SyncJobRunner runner;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "medsync.run.mode", defaultValue = "service")
    String mode;

    @ConfigProperty(name = "medsync.run.summary-file", defaultValue = "medsync-summary.json")
    Path summaryFile;

    public static void main(String... args) {
        Quarkus.run(MedsyncMain.class, args);
    }

    @Override
    public int run(String... args) throws Exception {
        if (!"once".equals(mode)) {
            Quarkus.waitForExit();
            return 0;
        }
        SyncRun run = runner.runAllTenants();
        System.out.println();
        System.out.print(SyncSummary.table(run));
        SyncSummary.writeJson(run, summaryFile, mapper);
        System.out.println("summary written to " + summaryFile.toAbsolutePath());
        if (!run.errors().isEmpty()) {
            LOG.error("the sync cycle stopped early for some tenants; see the errors above");
            return 2;
        }
        return 0;
    }
}
