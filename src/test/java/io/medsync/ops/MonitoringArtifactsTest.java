package io.medsync.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.medsync.pipeline.SyncJobRunner;
import io.medsync.testing.StartsOnACleanSlate;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The alert rules and the Grafana dashboard under kubernetes/monitoring/ name only metrics that medsync exports:
 * each metric their expressions use is in /q/metrics of the running application after a sync. A renamed metric
 * breaks this test, not the alerts silently.
 */
@QuarkusTest
class MonitoringArtifactsTest extends StartsOnACleanSlate {

    private static final Path FOLDER = Path.of("kubernetes/monitoring");
    /** Every medsync metric is prefixed so; PromQL functions and labels are not. */
    private static final Pattern METRIC = Pattern.compile("\\bmedsync_[a-z0-9_]+\\b");

    @Inject
    SyncJobRunner runner;

    @BeforeEach
    void aSyncHasRun() {
        runner.runAllTenants();
    }

    @Test
    void everyMetricTheAlertRulesUseIsExported() throws IOException {
        List<String> expressions = ruleExpressions(Files.readString(FOLDER.resolve("prometheus-rules.yaml")));

        assertThat(expressions).hasSizeGreaterThanOrEqualTo(6);
        assertThat(missingFromMetrics(expressions)).as("metrics the alert rules use that /q/metrics lacks").isEmpty();
    }

    @Test
    void everyMetricTheDashboardUsesIsExported() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(FOLDER.resolve("grafana-dashboard.json").toFile());
        List<String> expressions = dashboard.findValues("expr").stream().map(JsonNode::asText).toList();

        assertThat(expressions).hasSizeGreaterThanOrEqualTo(8);
        assertThat(missingFromMetrics(expressions)).as("metrics the dashboard uses that /q/metrics lacks").isEmpty();
    }

    @Test
    void aRuleNamingAMetricMedsyncDoesNotExportIsCaught() throws IOException {
        String rules = Files.readString(FOLDER.resolve("prometheus-rules.yaml"))
                .replace("max(medsync_dead_letters_open) > 0", "max(medsync_dead_letters_pending) > 0");

        assertThat(missingFromMetrics(ruleExpressions(rules))).containsExactly("medsync_dead_letters_pending");
    }

    @Test
    void everyAlertIsNamedOnceWaitsBeforeFiringAndSaysWhatToDo() throws IOException {
        JsonNode rules = new YAMLMapper().readTree(FOLDER.resolve("prometheus-rules.yaml").toFile());
        assertThat(rules.path("kind").asText()).isEqualTo("PrometheusRule");
        List<JsonNode> alerts = new ArrayList<>();
        rules.path("spec").path("groups").forEach(g -> g.path("rules").forEach(alerts::add));

        assertThat(alerts).extracting(a -> a.path("alert").asText()).doesNotHaveDuplicates().contains(
                "MedsyncDeadLetterBacklogGrowing", "MedsyncRecordsInDoubt", "MedsyncReconsentNeeded",
                "MedsyncNoSuccessfulSync", "MedsyncRateLimited", "MedsyncNextGenGrantsExpiring");
        assertThat(alerts).allSatisfy(a -> {
            assertThat(a.path("for").asText()).as(a.path("alert").asText()).matches("\\d+[smh]");
            assertThat(a.path("labels").path("severity").asText()).isIn("info", "warning", "critical");
            assertThat(a.path("annotations").path("summary").asText()).isNotBlank();
            assertThat(a.path("annotations").path("description").asText()).isNotBlank();
        });
    }

    private static List<String> ruleExpressions(String yaml) throws IOException {
        List<String> expressions = new ArrayList<>();
        new YAMLMapper().readTree(yaml).path("spec").path("groups")
                .forEach(g -> g.path("rules").forEach(r -> expressions.add(r.path("expr").asText())));
        return expressions;
    }

    /** The medsync metric names the expressions use that the running application does not export. */
    private static Set<String> missingFromMetrics(List<String> expressions) {
        Set<String> exported = given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>();
        for (String expression : expressions) {
            Matcher names = METRIC.matcher(expression);
            while (names.find()) {
                if (!exported.contains(names.group())) {
                    missing.add(names.group());
                }
            }
        }
        return missing;
    }
}
