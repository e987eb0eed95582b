package io.medsync.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * Only a {@code -Pdemo} build (its own build directory) has them.
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

    private static List<String> entries(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(jar + " is not a readable jar", e);
        }
    }
}
