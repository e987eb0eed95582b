package io.medsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.medsync.bench.chaos.ChaosPlan;
import io.medsync.bench.chaos.ChaosScenario;

/**
 * The chaos run at CI size (the 10,000-record run is {@code bench/run --scenarios=chaos}, BENCHMARKS.md "Chaos
 * run"): 600 patients into a NovaMed that fails a fifth of its calls, loses and delays answers and answers 429 in
 * windows; the packaged application SIGKILLed once, its PostgreSQL and its Kafka broker restarted, NovaMed away for
 * 30 s, all mid-run. Nothing is lost or doubled, dead letters are NovaMed's refusals only (the same as a fault-free
 * run's), in-doubt records no more than the kills, and every delivery has its outcome event.
 */
class ChaosRunIT {

    @Test
    @SuppressWarnings("unchecked")
    void killsRestartsAndAnOutageLoseNothingDoubleNothingAndDeadLetterOnlyRefusals() throws Exception {
        ChaosScenario.Result result = ChaosScenario.run(ChaosPlan.reduced(Path.of("target/chaos-it").toAbsolutePath()));

        System.out.println("chaos run (CI size): " + result.figures());
        Map<String, Object> verdict = (Map<String, Object>) result.figures().get("verdict");
        assertThat((Map<String, Object>) verdict.get("novamed_posts_by_status"))
                .as("NovaMed really failed calls and answered 429 in windows").containsKeys("503", "429");
        assertThat(result.figures()).containsEntry("kills", 1);
        assertThat(result.violations()).isEmpty();
    }
}
