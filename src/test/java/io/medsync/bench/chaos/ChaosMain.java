package io.medsync.bench.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * {@code bench/run --scenarios=chaos [--patients=10000] [--kills=3] [--outage=PT75S] [--quick]}: the chaos run of
 * {@link ChaosScenario}; writes {@code target/bench/chaos/chaos-report.json} and exits 1 if a promise was broken.
 * {@code --quick} is the CI-sized plan ({@code ChaosRunIT}).
 */
public final class ChaosMain {

    private ChaosMain() {
    }

    /** Whether the harness was asked for the chaos scenario (it runs alone). */
    public static boolean requested(String[] args) {
        return Arrays.asList(args).contains("--scenarios=chaos");
    }

    public static int run(String[] args) throws Exception {
        // The sandbox JVMs and the application are this JVM's children: none outlives the harness.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants()
                .forEach(ProcessHandle::destroyForcibly), "chaos-cleanup"));
        Path out = Path.of("target/bench/chaos").toAbsolutePath();
        ChaosPlan plan = Arrays.asList(args).contains("--quick") ? ChaosPlan.reduced(out) : ChaosPlan.full(out);
        for (String a : args) {
            String v = a.substring(a.indexOf('=') + 1);
            if (a.startsWith("--patients=")) {
                plan = plan.withPatients(Integer.parseInt(v));
            } else if (a.startsWith("--kills=")) {
                plan = plan.withKills(Integer.parseInt(v));
            } else if (a.startsWith("--outage=")) {
                plan = plan.withOutage(Duration.parse(v));
            }
        }
        ChaosScenario.Result result = ChaosScenario.run(plan);
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result.figures());
        Files.writeString(out.resolve("chaos-report.json"), json);
        System.out.println(json);
        System.out.println(result.violations().isEmpty() ? "[chaos] PASSED" : "[chaos] FAILED: " + result.violations());
        return result.violations().isEmpty() ? 0 : 1;
    }
}
