package io.medsync.bench.chaos;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The harness's handle on a {@link ChaosSandboxMain} JVM: its URLs and its control port. */
final class ChaosSandbox implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern READY = Pattern.compile("CHAOS-SANDBOX-READY nexhealth=(\\d+) novamed=(\\d+) control=(\\d+)");

    private final Process process;
    final String nexBase;
    final String novaBase;
    private final int controlPort;

    private ChaosSandbox(Process process, int nexPort, int novaPort, int controlPort) {
        this.process = process;
        this.nexBase = "http://127.0.0.1:" + nexPort;
        this.novaBase = "http://127.0.0.1:" + novaPort;
        this.controlPort = controlPort;
    }

    /** {@code chaos}: the {@code chaos.*} settings of {@link ChaosSandboxMain} (empty: a fault-free NovaMed). */
    static ChaosSandbox start(int providers, int patients, Map<String, String> chaos, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dmedsync.sandbox.seed.providers=" + providers,
                "-Dmedsync.sandbox.seed.patients=" + patients, "-Dmedsync.sandbox.nexhealth.port=0",
                // A fixed port, so that NovaMed comes back where the application looks for it after an outage.
                "-Dmedsync.sandbox.novamed.port=" + freePort()));
        chaos.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ChaosSandboxMain.class.getName()));
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String[] ready = new String[1];
        Awaitility.await("the sandbox JVM to print its ports (" + log + ")").atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("sandbox JVM exited with " + p.exitValue() + ", see " + log);
                    }
                    ready[0] = Files.readAllLines(log).stream().filter(l -> l.startsWith("CHAOS-SANDBOX-READY"))
                            .findFirst().orElse(null);
                    return ready[0] != null;
                });
        Matcher m = READY.matcher(ready[0]);
        if (!m.find()) {
            throw new IllegalStateException("unexpected ready line " + ready[0]);
        }
        return new ChaosSandbox(p, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
    }

    /** NovaMed patients created so far. */
    long patientsCreated() {
        return call("GET", "/progress").path("patients").asLong();
    }

    void outage(String mode) {
        call("POST", "/outage?mode=" + mode);
    }

    void restore() {
        call("POST", "/restore");
    }

    JsonNode verdict() {
        return call("GET", "/verdict");
    }

    private JsonNode call(String method, String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPort + path))
                    .timeout(Duration.ofSeconds(60)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(method + " " + path + " answered " + r.statusCode());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("sandbox control port did not answer " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }
}
