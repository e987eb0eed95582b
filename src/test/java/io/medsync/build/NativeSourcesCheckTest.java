package io.medsync.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.medsync.nextgen.HapiModelFeature;

/**
 * The check .ci/run runs over the generated native sources (after
 * {@code ./mvnw package -Dnative -Dquarkus.native.sources-only=true}, with {@code -Dmedsync.native-sources=target/native-sources}):
 * every serialised class, config mapping, migration, YAML route and HAPI version file is in the image's configuration,
 * and the HAPI feature runs. The other tests show the check itself reports what a broken configuration misses.
 */
class NativeSourcesCheckTest {

    private static final String FEATURE = HapiModelFeature.class.getName();

    @Test
    @EnabledIfSystemProperty(named = "medsync.native-sources", matches = ".+")
    void theGeneratedNativeSourcesRegisterEverythingTheAppNeeds() throws IOException {
        NativeSources sources = NativeSources.read(Path.of(System.getProperty("medsync.native-sources")));
        var production = SerialisedTypes.production();
        Set<String> serialised = SerialisedTypes.of(production);
        Set<String> mappings = SerialisedTypes.configMappings(production);
        Set<String> resources = requiredResources();

        System.out.printf("native sources: %d reflection entries, %d resource patterns; checked %d serialised classes,"
                + " %d config mappings, %d resources%n", sources.reflection().size(), sources.resources().size(),
                serialised.size(), mappings.size(), resources.size());
        assertThat(sources.problems(serialised, mappings, resources, Set.of(FEATURE))).isEmpty();
    }

    @Test
    void aCompleteConfigurationPasses() throws IOException {
        NativeSources complete = NativeSources.parse("""
                [{"name":"io.medsync.kafka.RefillRequest","allDeclaredConstructors":true,"allDeclaredMethods":true,
                  "allDeclaredFields":true},
                 {"name":"io.medsync.http.HttpSettings$$CMImpl","allDeclaredConstructors":true}]""", """
                {"resources":{"includes":[{"pattern":"\\\\Qdb/migration/V1__ledger.sql\\\\E"}]}}""",
                "--features=io.quarkus.runner.Feature,io.medsync.nextgen.HapiModelFeature -jar x-runner.jar");

        assertThat(complete.problems(Set.of("io.medsync.kafka.RefillRequest"), Set.of("io.medsync.http.HttpSettings"),
                Set.of("db/migration/V1__ledger.sql"), Set.of(FEATURE))).isEmpty();
    }

    @Test
    void aBrokenConfigurationIsReportedItemByItem() throws IOException {
        NativeSources broken = NativeSources.parse("""
                [{"name":"io.medsync.novamed.NovaMedPatient","allDeclaredConstructors":true,"allDeclaredMethods":true}]""",
                """
                {"resources":{"includes":[{"pattern":"\\\\Qroutes/kafka.yaml\\\\E"}]}}""",
                "--features=io.quarkus.runner.Feature -jar x-runner.jar");

        assertThat(broken.problems(Set.of("io.medsync.novamed.NovaMedPatient", "io.medsync.kafka.RefillRequest"),
                Set.of("io.medsync.http.HttpSettings"), Set.of("routes/kafka.yaml", "db/migration/V1__ledger.sql"),
                Set.of(FEATURE))).containsExactlyInAnyOrder(
                        "io.medsync.novamed.NovaMedPatient is registered without all of its constructors, methods and fields",
                        "io.medsync.kafka.RefillRequest is serialised but not registered for reflection",
                        "io.medsync.http.HttpSettings (@ConfigMapping) has no registered implementation",
                        "resource db/migration/V1__ledger.sql is not included in the image",
                        "feature io.medsync.nextgen.HapiModelFeature is not passed to native-image");
    }

    /** Every Flyway migration, every shipped YAML route and HAPI's version files. */
    static Set<String> requiredResources() throws IOException {
        Set<String> resources = new TreeSet<>(HapiModelFeature.VERSION_FILES);
        try (Stream<Path> migrations = Files.list(Path.of("src/main/resources/db/migration"));
                Stream<Path> routes = Files.list(Path.of("routes"))) {
            migrations.forEach(f -> resources.add("db/migration/" + f.getFileName()));
            routes.filter(f -> f.toString().endsWith(".yaml")).forEach(f -> resources.add("routes/" + f.getFileName()));
        }
        return resources;
    }
}
