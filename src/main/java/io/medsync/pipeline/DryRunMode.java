package io.medsync.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.camel.spi.CamelEvent.CamelContextStartedEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.quarkus.runtime.Quarkus;

/**
 * {@code medsync.run.mode=dry-run}: as soon as Camel is up, rehearse every tenant's first sync
 * ({@link GoLiveRehearsal}), print each readiness report as Markdown, write them all as JSON and Markdown, and exit:
 * 0 when every source was read in full, 2 when a source read stopped early (the report covers what was read), 1 when
 * the dry run itself failed. Refusals and parked records are findings, not failures: they do not change the code.
 */
@ApplicationScoped
public class DryRunMode {

    private static final Logger LOG = Logger.getLogger(DryRunMode.class);

    private final GoLiveRehearsal rehearsal;
    private final ObjectMapper json;
    private final String mode;
    private final Path reportFile;

    DryRunMode(GoLiveRehearsal rehearsal, ObjectMapper json,
            @ConfigProperty(name = "medsync.run.mode") String mode,
            @ConfigProperty(name = "medsync.run.dry-run-report") Path reportFile) {
        this.rehearsal = rehearsal;
        this.json = json;
        this.mode = mode;
        this.reportFile = reportFile;
    }

    void onCamelStarted(@Observes CamelContextStartedEvent started) {
        if (!"dry-run".equals(mode)) {
            return;
        }
        // Off the start-up thread, so start-up completes before the rehearsal begins.
        new Thread(this::rehearseAndExit, "medsync-dry-run").start();
    }

    private void rehearseAndExit() {
        int exitCode;
        try {
            List<ReadinessReport> reports = rehearsal.rehearseEveryTenant();
            StringBuilder markdown = new StringBuilder();
            reports.forEach(report -> markdown.append(ReadinessMarkdown.render(report)).append('\n'));
            System.out.println();
            System.out.print(markdown);
            write(reports, markdown.toString());
            exitCode = reports.stream().allMatch(ReadinessReport::ready) ? 0 : 2;
            if (exitCode != 0) {
                LOG.error("a source read stopped early in the dry run; the report covers what was read");
            }
        } catch (Exception e) {
            LOG.errorf("the dry run failed: %s", e.getClass().getSimpleName());
            exitCode = 1;
        }
        Quarkus.asyncExit(exitCode);
    }

    private void write(List<ReadinessReport> reports, String markdown) throws IOException {
        Path jsonFile = reportFile.resolveSibling(reportFile.getFileName() + ".json");
        Path markdownFile = reportFile.resolveSibling(reportFile.getFileName() + ".md");
        if (reportFile.toAbsolutePath().getParent() != null) {
            Files.createDirectories(reportFile.toAbsolutePath().getParent());
        }
        Files.writeString(jsonFile, json.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(reports));
        Files.writeString(markdownFile, markdown);
        System.out.println("dry-run report written to " + jsonFile.toAbsolutePath() + " and " + markdownFile.getFileName());
    }
}
