package io.medsync.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged application ({@code target/quarkus-app/quarkus-run.jar}) started as a separate process, with the
 * simulators' configuration (demo tenants, sandbox keys) loaded from the sandbox source set, since the production
 * artifact holds none of it.
 */
public final class PackagedApp {

    /** The demo tenants and sandbox settings, for a production-built app pointed at simulators in another JVM. */
    public static final Path SANDBOX_CONFIG =
            Path.of("src/sandbox/resources/META-INF/microprofile-config.properties").toAbsolutePath();

    private final Process process;
    private final Path log;

    private PackagedApp(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static PackagedApp start(Map<String, String> systemProperties, Path log) throws IOException {
        String jar = System.getProperty("medsync.app.jar", "target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(Path.of(jar))) {
            throw new IllegalStateException(jar + " is missing: package the application first (./mvnw verify does)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dquarkus.config.locations=" + SANDBOX_CONFIG);
        systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new PackagedApp(process, log);
    }

    /** SIGKILL: no shutdown hook, no graceful stop, exactly what a crash or an OOM kill does. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** The exit code, or -1 (and the process killed) if it did not exit in time. */
    public int waitForExitWithin(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS)) {
            kill();
            return -1;
        }
        return process.exitValue();
    }

    public String log() throws IOException {
        return Files.readString(log);
    }
}
