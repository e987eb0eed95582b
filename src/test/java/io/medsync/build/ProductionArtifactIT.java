package io.medsync.build;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged application (plain {@code ./mvnw package}, run by failsafe after it) holds no simulator: no
 * {@code io.medsync.sandbox} class, no Jetty and no HAPI FHIR server jar, and not the simulators' configuration.
 * Only a {@code -Pdemo} build (its own build directory) has them. Started in the prod profile, it serves health and
 * metrics on its management port only.
 */
class ProductionArtifactIT {

    private static final String SANDBOX_PACKAGE = "io/medsync/sandbox/";

    private static Path appDir;
    private static List<Path> jars;

    @BeforeAll
    static void findTheArtifact() throws IOException {
        appDir = Path.of(System.getProperty("medsync.app.jar", "target/quarkus-app/quarkus-run.jar")).getParent();
        assertThat(appDir.resolve("quarkus-run.jar")).as("package the application first").exists();
        try (Stream<Path> files = Files.walk(appDir)) {
            jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
        assertThat(jars).as("jars under %s", appDir).hasSizeGreaterThan(10);
    }

    @Test
    void noJarHoldsASandboxClass() {
        List<String> sandboxClasses = jars.stream()
                .flatMap(jar -> entries(jar).stream()
                        .filter(name -> name.startsWith(SANDBOX_PACKAGE))
                        .map(name -> appDir.relativize(jar) + "!" + name))
                .toList();
        assertThat(sandboxClasses).as("simulator classes in the production artifact").isEmpty();
    }

    @Test
    void noSimulatorServerLibrary() {
        List<String> serverJars = jars.stream()
                .map(jar -> jar.getFileName().toString())
                .filter(name -> name.contains("jetty") || name.contains("hapi-fhir-server"))
                .toList();
        assertThat(serverJars).as("Jetty / HAPI FHIR server jars in the production artifact").isEmpty();
    }

    @Test
    void theApplicationCarriesNoSandboxConfiguration() {
        List<String> sandboxConfig = jars.stream()
                .filter(jar -> appDir.relativize(jar).startsWith("app"))
                .flatMap(jar -> entries(jar).stream()
                        .filter(name -> name.equals("META-INF/microprofile-config.properties"))
                        .map(name -> appDir.relativize(jar) + "!" + name))
                .toList();
        assertThat(sandboxConfig).as("the demo tenants and sandbox keys belong to the sandbox source set").isEmpty();
    }

    @Test
    void healthAndMetricsAreServedOnTheManagementPortOnly() throws Exception {
        int port = freePort();
        int managementPort = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port, "-Dquarkus.management.port=" + managementPort,
                "-Dquarkus.datasource.jdbc.url=jdbc:h2:mem:artifact-ports", "-Dmedsync.schedules.enabled=false",
                "-Dmedsync.tenants.acme.nexhealth.locations.main.subdomain=acme",
                "-Dmedsync.tenants.acme.nexhealth.locations.main.location-id=1",
                "-Dmedsync.tenants.acme.nexhealth.api-key-ref=acme.nexhealth.key", "-Dacme.nexhealth.key=k1",
                "-Dmedsync.tenants.acme.novamed.clinic-id=2a7d8da1-2f69-46e1-87a4-04490ab73c41",
                "-Dmedsync.tenants.acme.novamed.api-key-ref=acme.novamed.key", "-Dacme.novamed.key=k2",
                "-jar", appDir.resolve("quarkus-run.jar").toString()));
        Path log = Files.createTempFile("medsync-ports", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("MEDSYNC_ENCRYPTION_KEYS", "k1:" + "A".repeat(43) + "=");
        builder.environment().put("MEDSYNC_ENCRYPTION_ACTIVE_KEY", "k1");
        Process app = builder.start();
        try {
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                    .until(() -> app.isAlive() && status(managementPort, "/q/health/ready") == 200
                            || !app.isAlive());
            assertThat(app.isAlive()).as("the prod-profile app is running; its log: %s", Files.readString(log))
                    .isTrue();

            assertThat(status(managementPort, "/q/health/live")).isEqualTo(200);
            assertThat(get(managementPort, "/q/metrics")).contains("jvm_memory_used_bytes");
            assertThat(status(port, "/q/health/ready")).as("health on the main port").isEqualTo(404);
            assertThat(status(port, "/q/metrics")).as("metrics on the main port").isEqualTo(404);
            assertThat(status(port, "/ops/records/counts")).as("the ops API stays on the main port").isEqualTo(401);
        } finally {
            app.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static int status(int port, String path) throws IOException, InterruptedException {
        return send(port, path).statusCode();
    }

    private static String get(int port, String path) throws IOException, InterruptedException {
        return send(port, path).body();
    }

    private static HttpResponse<String> send(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> entries(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(jar + " is not a readable jar", e);
        }
    }
}
