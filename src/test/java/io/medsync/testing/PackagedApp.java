package io.medsync.testing;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The packaged application ({@code target/quarkus-app/quarkus-run.jar}) started as a separate process, with the
 * simulators' configuration (demo tenants, sandbox keys) loaded from the sandbox source set, since the production
 * artifact holds none of it.
 */
public final class PackagedApp {

    /** The demo tenants and sandbox settings, for a production-built app pointed at simulators in another JVM. */
    public static final Path SANDBOX_CONFIG = Path.of("src/sandbox/resources/META-INF/microprofile-config.properties");

    private final Process process;
    private final Path log;

    private PackagedApp(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static PackagedApp start(Map<String, String> systemProperties, Path log) throws IOException {
        Map<String, String> properties = new LinkedHashMap<>(sandboxConfig("demo"));
        properties.putAll(systemProperties);
        return start(properties, Map.of(), log);
    }

    /** As deployed: only these settings (no simulator configuration), {@code environment} added to this process's. */
    public static PackagedApp start(Map<String, String> systemProperties, Map<String, String> environment, Path log)
            throws IOException {
        String jar = System.getProperty("medsync.app.jar", "target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(Path.of(jar))) {
            throw new IllegalStateException(jar + " is missing: package the application first (./mvnw verify does)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process = builder
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new PackagedApp(process, log);
    }

    /**
     * The settings of {@link #SANDBOX_CONFIG} that apply to {@code profile}, profile prefixes removed, to be passed as
     * system properties. (Not {@code quarkus.config.locations}: a file loaded that way is not read for
     * multi-profile {@code %demo,dev,test.} names.)
     */
    public static Map<String, String> sandboxConfig(String profile) throws IOException {
        Properties file = new Properties();
        try (Reader reader = Files.newBufferedReader(SANDBOX_CONFIG)) {
            file.load(reader);
        }
        Map<String, String> unprofiled = new TreeMap<>();
        Map<String, String> profiled = new TreeMap<>();
        for (String name : file.stringPropertyNames()) {
            int dot = name.indexOf('.');
            if (!name.startsWith("%")) {
                unprofiled.put(name, file.getProperty(name));
            } else if (dot > 0 && List.of(name.substring(1, dot).split(",")).contains(profile)) {
                profiled.put(name.substring(dot + 1), file.getProperty(name));
            }
        }
        unprofiled.remove("config_ordinal");
        unprofiled.putAll(profiled);
        return unprofiled;
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
