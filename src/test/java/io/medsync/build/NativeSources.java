package io.medsync.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a native-sources build ({@code ./mvnw package -Dnative -Dquarkus.native.sources-only=true}) hands to
 * native-image, read from {@code target/native-sources}: the reflection and resource configuration Quarkus generated
 * into the runner jar, and the builder's arguments. {@link #problems} names what the image would miss.
 */
record NativeSources(Map<String, JsonNode> reflection, List<Pattern> resources, String arguments) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static NativeSources read(Path dir) throws IOException {
        Path runner;
        try (Stream<Path> files = Files.list(dir)) {
            runner = files.filter(f -> f.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no *-runner.jar in " + dir));
        }
        try (ZipFile jar = new ZipFile(runner.toFile())) {
            return parse(entry(jar, "META-INF/native-image/reflect-config.json"),
                    entry(jar, "META-INF/native-image/resource-config.json"),
                    Files.readString(dir.resolve("native-image.args")));
        }
    }

    static NativeSources parse(String reflectConfig, String resourceConfig, String arguments) throws IOException {
        Map<String, JsonNode> reflection = new HashMap<>();
        JSON.readTree(reflectConfig).forEach(e -> reflection.merge(e.path("name").asText(), e, (a, b) -> a));
        List<Pattern> resources = new ArrayList<>();
        JSON.readTree(resourceConfig).path("resources").path("includes")
                .forEach(p -> resources.add(Pattern.compile(p.path("pattern").asText())));
        return new NativeSources(reflection, resources, arguments);
    }

    /**
     * @param serialised classes Jackson reads or writes: each needs its constructors, methods and fields
     * @param configMappings {@code @ConfigMapping} interfaces: each needs its generated implementation
     * @param resources class-path resources the app reads at run time
     * @param features GraalVM features that must run
     */
    List<String> problems(Set<String> serialised, Set<String> configMappings, Set<String> resources,
            Set<String> features) {
        List<String> problems = new ArrayList<>();
        for (String name : serialised) {
            JsonNode entry = reflection.get(name);
            if (entry == null) {
                problems.add(name + " is serialised but not registered for reflection");
            } else if (!entry.path("allDeclaredConstructors").asBoolean()
                    || !(entry.path("allDeclaredMethods").asBoolean() || entry.path("allPublicMethods").asBoolean())
                    || !entry.path("allDeclaredFields").asBoolean()) {
                problems.add(name + " is registered without all of its constructors, methods and fields");
            }
        }
        for (String name : configMappings) {
            if (!reflection.containsKey(name + "$$CMImpl")) {
                problems.add(name + " (@ConfigMapping) has no registered implementation");
            }
        }
        for (String resource : resources) {
            if (resources().stream().noneMatch(p -> p.matcher(resource).matches())) {
                problems.add("resource " + resource + " is not included in the image");
            }
        }
        for (String feature : features) {
            if (!Pattern.compile("--features=[^\\s]*\\b" + Pattern.quote(feature) + "\\b").matcher(arguments).find()) {
                problems.add("feature " + feature + " is not passed to native-image");
            }
        }
        return problems;
    }

    private static String entry(ZipFile jar, String name) throws IOException {
        var entry = jar.getEntry(name);
        if (entry == null) {
            throw new IllegalStateException(name + " is missing from " + jar.getName());
        }
        try (InputStream in = jar.getInputStream(entry)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
