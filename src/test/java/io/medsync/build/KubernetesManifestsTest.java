package io.medsync.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The manifests under kubernetes/, checked offline: every YAML file parses with the fabric8 Kubernetes model, and
 * each overlay, rendered by {@link Kustomize}, gives a Deployment a cluster would run as meant: an image, resources,
 * non-root and read-only, probes on the management port's health paths, every env var a real setting, every Secret
 * key it reads documented in docs/deploy.md and every ConfigMap/PVC it mounts defined; Services, the
 * PodDisruptionBudget and the ServiceMonitor pointing at what exists; the prod overlay's Kafka topics those of
 * application.properties. One test feeds the rules a broken Deployment to show they fail.
 */
class KubernetesManifestsTest {

    private static final Path KUBERNETES = Path.of("kubernetes");
    private static final KubernetesSerialization FABRIC8 = new KubernetesSerialization();
    private static final Set<String> HEALTH_PATHS = Set.of("/q/health/live", "/q/health/ready", "/q/health/started");
    /** Quarkus' own settings that no properties file of ours names (quarkus.io/guides/config-reference). */
    private static final Set<String> QUARKUS_BUILT_IN = Set.of("QUARKUS_PROFILE", "QUARKUS_CONFIG_LOCATIONS");

    private static final Properties APP = properties(Path.of("src/main/resources/application.properties"));
    private static final Properties SANDBOX = properties(Path.of("src/sandbox/resources/META-INF/microprofile-config.properties"));

    @Test
    void everyYamlFileParsesWithTheKubernetesModel() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(KUBERNETES)) {
            files = walk.filter(f -> f.toString().endsWith(".yaml") && !f.getFileName().toString().equals("kustomization.yaml")
                    && !f.toString().contains("/routes/")).toList();
        }
        assertThat(files).hasSizeGreaterThan(8);
        for (Path file : files) {
            for (Map<String, Object> doc : Kustomize.readAll(file)) {
                HasMetadata object = toModel(doc);
                assertThat(object.getMetadata().getName()).as("%s: metadata.name", file).isNotBlank();
                assertThat(object.getKind()).as("%s: kind", file).isNotBlank();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void eachOverlayRendersARunnableDeployment(String overlay) {
        List<HasMetadata> rendered = render(KUBERNETES.resolve("overlays").resolve(overlay));

        assertThat(problems(rendered)).isEmpty();
        assertThat(rendered).extracting(HasMetadata::getKind)
                .contains("Deployment", "Service", "ConfigMap", "PodDisruptionBudget", "NetworkPolicy");
    }

    @Test
    void prodRunsTwoReplicasOnPostgresqlWithTheKafkaTopicsAndAServiceMonitor() {
        List<HasMetadata> prod = render(KUBERNETES.resolve("overlays/prod"));
        Deployment deployment = deployment(prod);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(env(deployment, "medsync")).extracting(EnvVar::getName).contains("MEDSYNC_DB_URL", "MEDSYNC_DB_PASSWORD");
        assertThat(env(deployment, "medsync")).filteredOn(e -> e.getName().equals("MEDSYNC_DB_URL"))
                .extracting(EnvVar::getValue).allMatch(url -> url.startsWith("jdbc:postgresql:"));

        Set<String> topics = new HashSet<>();
        APP.stringPropertyNames().stream().filter(n -> n.startsWith("medsync.kafka.topics."))
                .forEach(n -> topics.add(APP.getProperty(n)));
        assertThat(prod).filteredOn(o -> o.getKind().equals("KafkaTopic"))
                .extracting(o -> String.valueOf(((GenericKubernetesResource) o).getAdditionalProperties()
                        .get("spec") instanceof Map<?, ?> spec ? spec.get("topicName") : null))
                .containsExactlyInAnyOrderElementsOf(topics);
        assertThat(prod).filteredOn(o -> o.getKind().equals("ServiceMonitor")).hasSize(1);
    }

    @Test
    void devRunsOneReplicaOfTheDemoImageOnAnH2LedgerOnAVolumeBesideTheSimulators() {
        List<HasMetadata> dev = render(KUBERNETES.resolve("overlays/dev"));
        Deployment deployment = deployment(dev);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(pod.getContainers()).extracting(Container::getName).containsExactly("medsync", "sandbox");
        assertThat(pod.getContainers()).extracting(Container::getImage).allMatch(i -> i.startsWith("medsync-demo:"));
        assertThat(env(deployment, "medsync")).filteredOn(e -> e.getName().equals("QUARKUS_DATASOURCE_JDBC_URL"))
                .extracting(EnvVar::getValue).containsExactly(
                        "jdbc:h2:file:/work/data/medsync-ledger;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        assertThat(pod.getVolumes()).filteredOn(v -> v.getPersistentVolumeClaim() != null).hasSize(1);
    }

    @Test
    void theRoutesConfigMapIsTheRepositorysRoutes() throws IOException {
        try (Stream<Path> routes = Files.list(Path.of("routes"))) {
            for (Path route : routes.toList()) {
                assertThat(KUBERNETES.resolve("base/routes").resolve(route.getFileName()))
                        .as("kubernetes/base/routes/ is a copy of routes/: copy %s again", route)
                        .hasSameTextualContentAs(route);
            }
        }
    }

    @Test
    void theRulesReportABrokenDeployment() {
        List<HasMetadata> broken = Kustomize.readAll(Path.of("src/test/resources/manifests/broken-deployment.yaml"))
                .stream().map(KubernetesManifestsTest::toModel).toList();

        assertThat(problems(broken)).contains(
                "Deployment medsync: container medsync has no livenessProbe",
                "Deployment medsync: container medsync has no readinessProbe",
                "Deployment medsync: container medsync has no startupProbe",
                "Deployment medsync: container medsync: readOnlyRootFilesystem is not true",
                "Deployment medsync: container medsync has no memory limit",
                "Deployment medsync: env MEDSYNC_NOT_A_SETTING names no medsync setting",
                "Deployment medsync: env MEDSYNC_OPS_TOKEN reads medsync-secrets/ops-tokn, which docs/deploy.md does not list",
                "Deployment medsync: terminationGracePeriodSeconds 30 is shorter than camel.main.shutdown-timeout (120 s)");
    }

    // ---- the rules ---------------------------------------------------------------------------------------------

    static List<String> problems(List<HasMetadata> objects) {
        List<String> problems = new ArrayList<>();
        String documentedSecrets = read(Path.of("docs/deploy.md"));
        int managementPort = defaultPort("quarkus.management.port");
        int httpPort = defaultPort("quarkus.http.port");
        int shutdownTimeout = Integer.parseInt(APP.getProperty("camel.main.shutdown-timeout"));
        Set<String> configMaps = names(objects, "ConfigMap");
        Set<String> claims = names(objects, "PersistentVolumeClaim");

        for (HasMetadata o : objects) {
            if (!(o instanceof Deployment d)) {
                continue;
            }
            String where = "Deployment " + d.getMetadata().getName();
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            Long grace = pod.getTerminationGracePeriodSeconds();
            if (grace == null || grace < shutdownTimeout) {
                problems.add(where + ": terminationGracePeriodSeconds " + (grace == null ? 30 : grace)
                        + " is shorter than camel.main.shutdown-timeout (" + shutdownTimeout + " s)");
            }
            boolean podNonRoot = pod.getSecurityContext() != null
                    && Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot());
            Set<String> volumes = new HashSet<>();
            for (Volume v : pod.getVolumes()) {
                volumes.add(v.getName());
                if (v.getConfigMap() != null && !configMaps.contains(v.getConfigMap().getName())) {
                    problems.add(where + ": volume " + v.getName() + " mounts ConfigMap " + v.getConfigMap().getName()
                            + ", which is not defined");
                }
                if (v.getPersistentVolumeClaim() != null && !claims.contains(v.getPersistentVolumeClaim().getClaimName())) {
                    problems.add(where + ": volume " + v.getName() + " claims an undefined PVC");
                }
            }
            for (Container c : pod.getContainers()) {
                String in = where + ": container " + c.getName();
                if (c.getImage() == null || !c.getImage().contains(":")) {
                    problems.add(in + " has no tagged image (set it with the overlay's images:)");
                }
                var sc = c.getSecurityContext();
                if (!podNonRoot && (sc == null || !Boolean.TRUE.equals(sc.getRunAsNonRoot()))) {
                    problems.add(in + ": runAsNonRoot is not true");
                }
                if (sc == null || !Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
                    problems.add(in + ": readOnlyRootFilesystem is not true");
                }
                if (sc == null || !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation()) || sc.getCapabilities() == null
                        || !sc.getCapabilities().getDrop().contains("ALL")) {
                    problems.add(in + ": privilege escalation allowed or capabilities not dropped");
                }
                var resources = c.getResources();
                if (resources == null || resources.getRequests() == null || !resources.getRequests().containsKey("cpu")
                        || !resources.getRequests().containsKey("memory")) {
                    problems.add(in + " has no cpu and memory requests");
                }
                if (resources == null || resources.getLimits() == null || !resources.getLimits().containsKey("memory")) {
                    problems.add(in + " has no memory limit");
                }
                c.getVolumeMounts().stream().filter(m -> !volumes.contains(m.getName()))
                        .forEach(m -> problems.add(in + " mounts undefined volume " + m.getName()));
                if (c.getName().equals("medsync")) {
                    problems.addAll(probeProblems(in, c, managementPort, httpPort));
                }
                for (EnvVar e : c.getEnv()) {
                    problems.addAll(envProblems(where, e, documentedSecrets, objects));
                }
                for (EnvFromSource e : c.getEnvFrom()) {
                    if (e.getSecretRef() != null && !documentedSecrets.contains("`" + e.getSecretRef().getName() + "`")) {
                        problems.add(where + ": envFrom Secret " + e.getSecretRef().getName() + " is not in docs/deploy.md");
                    }
                }
            }
            Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
            for (HasMetadata other : objects) {
                Map<String, String> selector = other instanceof Service s ? s.getSpec().getSelector()
                        : other instanceof PodDisruptionBudget p ? p.getSpec().getSelector().getMatchLabels() : null;
                if (selector != null && !podLabels.entrySet().containsAll(selector.entrySet())) {
                    problems.add(other.getKind() + " " + other.getMetadata().getName() + " selects no pod of " + where);
                }
                if (other instanceof Service s) {
                    s.getSpec().getPorts().stream().filter(p -> p.getTargetPort() != null && pod.getContainers().stream()
                            .flatMap(c -> c.getPorts().stream()).noneMatch(cp -> Objects.equals(cp.getName(),
                                    p.getTargetPort().getStrVal())))
                            .forEach(p -> problems.add("Service " + s.getMetadata().getName() + ": targetPort "
                                    + p.getTargetPort().getStrVal() + " is no container port"));
                }
            }
        }
        return problems;
    }

    private static List<String> probeProblems(String in, Container c, int managementPort, int httpPort) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> ports = new java.util.HashMap<>();
        for (ContainerPort p : c.getPorts()) {
            ports.put(p.getName(), p.getContainerPort());
        }
        if (!Objects.equals(ports.get("management"), managementPort) || !Objects.equals(ports.get("http"), httpPort)) {
            problems.add(in + ": ports http/management are not " + httpPort + "/" + managementPort
                    + " (quarkus.http.port, quarkus.management.port)");
        }
        Map<String, Probe> probes = new java.util.LinkedHashMap<>();
        probes.put("livenessProbe", c.getLivenessProbe());
        probes.put("readinessProbe", c.getReadinessProbe());
        probes.put("startupProbe", c.getStartupProbe());
        probes.forEach((name, probe) -> {
            HTTPGetAction get = probe == null ? null : probe.getHttpGet();
            if (get == null) {
                problems.add(in + " has no " + name);
            } else if (!HEALTH_PATHS.contains(get.getPath()) || !("management".equals(get.getPort().getStrVal())
                    || Objects.equals(get.getPort().getIntVal(), managementPort))) {
                problems.add(in + ": " + name + " is not a health path on the management port");
            }
        });
        return problems;
    }

    private static List<String> envProblems(String where, EnvVar e, String documentedSecrets, List<HasMetadata> objects) {
        List<String> problems = new ArrayList<>();
        String name = e.getName();
        if ((name.startsWith("MEDSYNC_") || name.startsWith("QUARKUS_")) && !isSetting(name)) {
            problems.add(where + ": env " + name + " names no " + (name.startsWith("MEDSYNC_") ? "medsync" : "Quarkus")
                    + " setting");
        }
        if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
            String ref = e.getValueFrom().getSecretKeyRef().getName() + "/" + e.getValueFrom().getSecretKeyRef().getKey();
            if (!documentedSecrets.contains("`" + ref + "`")) {
                problems.add(where + ": env " + name + " reads " + ref + ", which docs/deploy.md does not list");
            }
        }
        if (e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null) {
            var ref = e.getValueFrom().getConfigMapKeyRef();
            boolean defined = objects.stream().anyMatch(o -> o instanceof io.fabric8.kubernetes.api.model.ConfigMap cm
                    && cm.getMetadata().getName().equals(ref.getName()) && cm.getData().containsKey(ref.getKey()));
            if (!defined) {
                problems.add(where + ": env " + name + " reads ConfigMap key " + ref.getName() + "/" + ref.getKey()
                        + ", which is not defined");
            }
        }
        return problems;
    }

    /** A variable a setting reads: a ${VAR:…} in application.properties, or the env form of a property we set. */
    private static boolean isSetting(String env) {
        if (QUARKUS_BUILT_IN.contains(env) || read(Path.of("src/main/resources/application.properties"))
                .contains("${" + env + ":")) {
            return true;
        }
        return Stream.of(APP, SANDBOX).flatMap(p -> p.stringPropertyNames().stream())
                .map(n -> n.replaceFirst("^%[^.]+\\.", "").replaceAll("[^A-Za-z0-9]", "_").toUpperCase())
                .anyMatch(env::equals);
    }

    private static int defaultPort(String property) {
        Matcher m = Pattern.compile("\\$\\{[A-Z_]+:(\\d+)}|(\\d+)").matcher(APP.getProperty(property));
        assertThat(m.find()).as(property).isTrue();
        return Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
    }

    private static Set<String> names(List<HasMetadata> objects, String kind) {
        Set<String> names = new HashSet<>();
        objects.stream().filter(o -> o.getKind().equals(kind)).forEach(o -> names.add(o.getMetadata().getName()));
        return names;
    }

    private static List<HasMetadata> render(Path overlay) {
        return Kustomize.render(overlay).stream().map(KubernetesManifestsTest::toModel).toList();
    }

    private static HasMetadata toModel(Map<String, Object> doc) {
        try {
            return FABRIC8.unmarshal(Kustomize.YAML.writeValueAsString(doc));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Deployment deployment(List<HasMetadata> objects) {
        return objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).findFirst().orElseThrow();
    }

    private static List<EnvVar> env(Deployment d, String container) {
        return d.getSpec().getTemplate().getSpec().getContainers().stream().filter(c -> c.getName().equals(container))
                .findFirst().orElseThrow().getEnv();
    }

    private static Properties properties(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return p;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
