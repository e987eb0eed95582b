package io.medsync.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.medsync.sandbox.NexHealthSandbox;
import io.medsync.sandbox.NovaMedSandbox;
import io.medsync.sandbox.SandboxClock;
import io.medsync.sandbox.SandboxSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * NexHealth and NovaMed sandboxes in the test's JVM, for packaged applications ({@link PackagedApp}) started against
 * them with the demo's NexHealth tenant; and the settings that point an application at an H2 file or a PostgreSQL
 * server. Only the settings differ between the databases: the artifact is the same.
 */
public final class SandboxedApps implements AutoCloseable {

    private static final Pattern STARTED = Pattern.compile("powered by Quarkus [^)]*\\) started in (\\d+(?:\\.\\d+)?)s");

    public final NexHealthSandbox nexHealth;
    public final NovaMedSandbox novaMed;
    public final Path workDir;

    public SandboxedApps(int providers, int patients, int appointments) {
        SandboxSettings settings = SandboxSettings.defaults().withEphemeralPorts().withSeed(42, providers, patients)
                .withAppointments(appointments);
        SandboxClock clock = new SandboxClock();
        nexHealth = new NexHealthSandbox(settings, clock);
        novaMed = new NovaMedSandbox(settings, clock);
        nexHealth.start();
        novaMed.start();
        try {
            workDir = Files.createTempDirectory("medsync-apps");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The demo's NexHealth tenant against these sandboxes; the NextGen demo tenant off. */
    public Map<String, String> appConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.profile", "demo");
        config.put("medsync.sandbox.enabled", "false");
        config.put("medsync.tenants.demo-nextgen.enabled", "false");
        config.put("medsync.nexhealth.base-url", nexHealth.baseUri().toString().replaceAll("/$", ""));
        config.put("medsync.novamed.base-url", novaMed.baseUri().toString().replaceAll("/$", ""));
        config.put("medsync.nexhealth.per-page", "50");
        config.put("medsync.run.summary-file", workDir.resolve("summary.json").toString());
        config.put("quarkus.log.console.level", "INFO");
        config.put("quarkus.log.category.\"io.medsync\".level", "WARN");
        return config;
    }

    public static String h2Url(Path file) {
        return "jdbc:h2:file:" + file.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    public static Map<String, String> h2(Path file) {
        return Map.of("quarkus.datasource.jdbc.url", h2Url(file));
    }

    public static Map<String, String> postgres(EmbeddedPostgres postgres) {
        return Map.of("quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"),
                "quarkus.datasource.username", "postgres", "quarkus.datasource.password", "postgres");
    }

    /** Quarkus's own start-up time from an application's log ("... started in 2.345s"). */
    public static Duration startupTime(String log) {
        Matcher m = STARTED.matcher(log);
        if (!m.find()) {
            throw new AssertionError("no start-up line in the log");
        }
        return Duration.ofMillis(Math.round(Double.parseDouble(m.group(1)) * 1000));
    }

    @Override
    public void close() {
        nexHealth.close();
        novaMed.close();
    }
}
