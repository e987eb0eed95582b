package io.medsync.bench.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a chaos run does: how many NexHealth patients, how many SIGKILLs of the application, whether the database and
 * the broker are restarted, how long NovaMed is away, and NovaMed's faults meanwhile.
 */
public record ChaosPlan(int providers, int patients, int kills, boolean restartDatabase, boolean restartBroker,
        Duration outage, double serverErrors, double lostAnswers, double timeouts, Duration rateWindowEvery, Duration rateWindow,
        Duration runTimeout, Path outDir) {

    /** The run: 10,000 patients, 3 kills, one database and one broker restart, a 75 s NovaMed outage. */
    public static ChaosPlan full(Path outDir) {
        return new ChaosPlan(10, 10_000, 3, true, true, Duration.ofSeconds(75), 0.20, 0.025, 0.025,
                Duration.ofSeconds(15), Duration.ofSeconds(3), Duration.ofMinutes(60), outDir);
    }

    /** The CI-sized run: 600 patients, one of each fault, a 30 s outage. */
    public static ChaosPlan reduced(Path outDir) {
        return new ChaosPlan(10, 600, 1, true, true, Duration.ofSeconds(30), 0.20, 0.025, 0.025,
                Duration.ofSeconds(15), Duration.ofSeconds(3), Duration.ofMinutes(15), outDir);
    }

    public ChaosPlan withPatients(int n) {
        return new ChaosPlan(providers, n, kills, restartDatabase, restartBroker, outage, serverErrors, lostAnswers,
                timeouts, rateWindowEvery, rateWindow, runTimeout, outDir);
    }

    public ChaosPlan withKills(int n) {
        return new ChaosPlan(providers, patients, n, restartDatabase, restartBroker, outage, serverErrors, lostAnswers,
                timeouts, rateWindowEvery, rateWindow, runTimeout, outDir);
    }

    public ChaosPlan withOutage(Duration d) {
        return new ChaosPlan(providers, patients, kills, restartDatabase, restartBroker, d, serverErrors, lostAnswers,
                timeouts, rateWindowEvery, rateWindow, runTimeout, outDir);
    }

    /** A disturbance fired once NovaMed holds {@code share} of the patients a fault-free run delivers. */
    record Event(double share, String what) {
    }

    /** The disturbances in order: kills spread over the run, the database early, the broker mid-run, the outage late. */
    List<Event> events() {
        List<Event> events = new ArrayList<>();
        for (int k = 1; k <= kills; k++) {
            events.add(new Event(0.70 * k / (kills + 1), "kill"));
        }
        if (restartDatabase) {
            events.add(new Event(0.20, "restart-database"));
        }
        if (restartBroker) {
            events.add(new Event(0.50, "restart-broker"));
        }
        if (!outage.isZero()) {
            events.add(new Event(0.75, "outage"));
        }
        events.sort(java.util.Comparator.comparingDouble(Event::share));
        return events;
    }

    java.util.Map<String, String> sandboxChaos() {
        return java.util.Map.of("chaos.server-errors", String.valueOf(serverErrors),
                "chaos.lost-answers", String.valueOf(lostAnswers), "chaos.timeouts", String.valueOf(timeouts),
                "chaos.timeout-delay", ChaosScenario.TIMEOUT.plusSeconds(1).toString(),
                "chaos.rate-window-every", rateWindowEvery.toString(), "chaos.rate-window", rateWindow.toString());
    }
}
