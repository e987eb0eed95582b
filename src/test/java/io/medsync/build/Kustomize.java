package io.medsync.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * A small kustomize for the tests ({@code kubectl kustomize} is not available here): renders a kustomization with the
 * features kubernetes/ uses, and fails on any other, so a new feature cannot be silently ignored: {@code resources}
 * (files and directories), {@code namespace}, {@code labels} (metadata only), {@code configMapGenerator} (files,
 * without name hash), {@code images}, {@code replicas} and {@code patches} (strategic merge by kind and name: maps
 * merge, lists of named items merge by name, other lists are replaced).
 */
final class Kustomize {

    static final YAMLMapper YAML = new YAMLMapper();
    private static final List<String> SUPPORTED = List.of("apiVersion", "kind", "resources", "namespace", "labels",
            "configMapGenerator", "images", "replicas", "patches");
    private static final List<String> CLUSTER_SCOPED = List.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass");

    private Kustomize() {
    }

    /** Every object the kustomization in {@code dir} renders, as YAML maps. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> render(Path dir) {
        Map<String, Object> k = readAll(dir.resolve("kustomization.yaml")).get(0);
        for (String field : k.keySet()) {
            if (!SUPPORTED.contains(field)) {
                throw new IllegalArgumentException(dir + ": kustomization field '" + field + "' is not supported by the"
                        + " test renderer; add it to Kustomize");
            }
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        for (String resource : (List<String>) k.getOrDefault("resources", List.of())) {
            Path path = dir.resolve(resource).normalize();
            objects.addAll(Files.isDirectory(path) ? render(path) : readAll(path));
        }
        for (Map<String, Object> generator : (List<Map<String, Object>>) k.getOrDefault("configMapGenerator", List.of())) {
            Map<String, Object> data = new LinkedHashMap<>();
            for (String file : (List<String>) generator.get("files")) {
                data.put(Path.of(file).getFileName().toString(), read(dir.resolve(file)));
            }
            Map<String, Object> options = (Map<String, Object>) generator.getOrDefault("options", Map.of());
            if (!Boolean.TRUE.equals(options.get("disableNameSuffixHash"))) {
                throw new IllegalArgumentException(dir + ": configMapGenerator with a name hash is not supported");
            }
            objects.add(new LinkedHashMap<>(Map.of("apiVersion", "v1", "kind", "ConfigMap",
                    "metadata", new LinkedHashMap<>(Map.of("name", generator.get("name"))), "data", data)));
        }
        for (Map<String, Object> patch : (List<Map<String, Object>>) k.getOrDefault("patches", List.of())) {
            for (Map<String, Object> p : readAll(dir.resolve((String) patch.get("path")))) {
                Map<String, Object> target = objects.stream()
                        .filter(o -> Objects.equals(o.get("kind"), p.get("kind")) && name(o).equals(name(p)))
                        .findFirst().orElseThrow(() -> new IllegalArgumentException(
                                dir + ": patch " + patch.get("path") + " matches no " + p.get("kind") + " " + name(p)));
                merge(target, p);
            }
        }
        for (Map<String, Object> r : (List<Map<String, Object>>) k.getOrDefault("replicas", List.of())) {
            objects.stream().filter(o -> name(o).equals(r.get("name")) && o.get("kind").equals("Deployment"))
                    .forEach(o -> ((Map<String, Object>) o.get("spec")).put("replicas", r.get("count")));
        }
        for (Map<String, Object> image : (List<Map<String, Object>>) k.getOrDefault("images", List.of())) {
            for (Map<String, Object> container : containers(objects)) {
                String current = (String) container.get("image");
                String currentName = current.split(":")[0];
                if (currentName.equals(image.get("name"))) {
                    String newName = (String) image.getOrDefault("newName", currentName);
                    Object tag = image.getOrDefault("newTag", current.contains(":") ? current.split(":")[1] : null);
                    container.put("image", tag == null ? newName : newName + ":" + tag);
                }
            }
        }
        for (Map<String, Object> labels : (List<Map<String, Object>>) k.getOrDefault("labels", List.of())) {
            for (Map<String, Object> o : objects) {
                ((Map<String, Object>) ((Map<String, Object>) o.get("metadata"))
                        .computeIfAbsent("labels", x -> new LinkedHashMap<>()))
                        .putAll((Map<String, Object>) labels.get("pairs"));
            }
        }
        if (k.containsKey("namespace")) {
            objects.stream().filter(o -> !CLUSTER_SCOPED.contains(o.get("kind")))
                    .forEach(o -> ((Map<String, Object>) o.get("metadata")).put("namespace", k.get("namespace")));
        }
        return objects;
    }

    /** The containers (and init containers) of every Deployment. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> containers(List<Map<String, Object>> objects) {
        List<Map<String, Object>> containers = new ArrayList<>();
        for (Map<String, Object> o : objects) {
            if ("Deployment".equals(o.get("kind"))) {
                Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) o
                        .get("spec")).get("template")).get("spec");
                containers.addAll((List<Map<String, Object>>) pod.getOrDefault("containers", List.of()));
                containers.addAll((List<Map<String, Object>>) pod.getOrDefault("initContainers", List.of()));
            }
        }
        return containers;
    }

    @SuppressWarnings("unchecked")
    static String name(Map<String, Object> object) {
        return String.valueOf(((Map<String, Object>) object.getOrDefault("metadata", Map.of())).get("name"));
    }

    static List<Map<String, Object>> readAll(Path file) {
        try (MappingIterator<Map<String, Object>> docs = YAML.readerFor(new TypeReference<Map<String, Object>>() {
        }).readValues(file.toFile())) {
            return docs.readAll().stream().filter(Objects::nonNull).map(m -> (Map<String, Object>) m).toList()
                    .stream().map(LinkedHashMap::new).map(m -> (Map<String, Object>) m).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is not valid YAML", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> target, Map<String, Object> patch) {
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            Object current = target.get(e.getKey());
            if (current instanceof Map && e.getValue() instanceof Map) {
                merge((Map<String, Object>) current, (Map<String, Object>) e.getValue());
            } else if (current instanceof List && e.getValue() instanceof List && named((List<Object>) current)
                    && named((List<Object>) e.getValue())) {
                List<Object> merged = new ArrayList<>((List<Object>) current);
                for (Object item : (List<Object>) e.getValue()) {
                    Map<String, Object> patchItem = (Map<String, Object>) item;
                    merged.stream().map(m -> (Map<String, Object>) m)
                            .filter(m -> Objects.equals(m.get("name"), patchItem.get("name"))).findFirst()
                            .ifPresentOrElse(m -> merge(m, patchItem), () -> merged.add(item));
                }
                target.put(e.getKey(), merged);
            } else {
                target.put(e.getKey(), e.getValue());
            }
        }
    }

    private static boolean named(List<Object> list) {
        return !list.isEmpty() && list.stream().allMatch(i -> i instanceof Map<?, ?> m && m.containsKey("name"));
    }
}
