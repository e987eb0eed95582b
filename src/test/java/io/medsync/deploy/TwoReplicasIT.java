package io.medsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.medsync.testing.PackagedApp;
import io.medsync.testing.SandboxedApps;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Two replicas of the packaged application on one PostgreSQL ledger, the tenant's NexHealth sync on a 5-second cron:
 * each trigger runs on one replica only, NexHealth is read once per run, and when the replica running a sync is
 * killed, the other takes the job over once the lease has expired.
 */
class TwoReplicasIT {

    private static final String JOB = "nexhealth-sync-schedule-demo-clinic";
    private static final Pattern RUN = Pattern.compile("scheduled job " + JOB + ": trigger (\\d+) runs here");
    /** Skipped: another replica holds the trigger, or this one is still running the job's previous trigger. */
    private static final Pattern SKIP = Pattern.compile("scheduled job " + JOB
            + ": trigger (\\d+) (?:runs on another|skipped, the previous trigger still runs here)");
    private static final String FINISHED = "scheduled sync of tenant demo-clinic finished";
    private static final Pattern DONE = Pattern.compile("scheduled job " + JOB + ": trigger (\\d+) done at (\\d+)");
    private static final int TRIGGERS = 4;
    private static final Duration LEASE_TTL = Duration.ofSeconds(6);

    private SandboxedApps apps;
    private EmbeddedPostgres postgres;
    private final List<PackagedApp> replicas = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        apps = new SandboxedApps(4, 20, 5);
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterEach
    void stop() throws Exception {
        for (PackagedApp replica : replicas) {
            replica.kill();
        }
        postgres.close();
        apps.close();
    }

    @Test
    void eachTriggerRunsOnceAndASurvivorTakesOverFromAKilledLeader() throws Exception {
        long started = System.nanoTime();
        PackagedApp a = replica("a");
        PackagedApp b = replica("b");

        // Both replicas fire every trigger; once both do and the first (full) sync is done, count TRIGGERS more.
        await().atMost(Duration.ofSeconds(240)).until(() -> !seenByBoth(a, b).isEmpty()
                && (a.log() + b.log()).contains(FINISHED));
        long first = seenByBoth(a, b).get(seenByBoth(a, b).size() - 1);
        await().atMost(Duration.ofSeconds(90)).until(() -> seenByBoth(a, b).stream().filter(s -> s > first).count()
                >= TRIGGERS);
        List<Long> window = seenByBoth(a, b).stream().filter(s -> s > first).limit(TRIGGERS).toList();
        // Every run of the window has ended (or it is the last trigger's, still going).
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String logs = a.log() + b.log();
            return done(logs).keySet().containsAll(window.subList(0, TRIGGERS - 1).stream()
                    .filter(slots(RUN, logs)::contains).toList());
        });
        List<Long> ranOnA = slots(RUN, a.log());
        List<Long> ranOnB = slots(RUN, b.log());
        Map<Long, Long> doneAt = new HashMap<>(done(a.log()));
        doneAt.putAll(done(b.log()));
        for (long trigger : window) {
            int runs = (ranOnA.contains(trigger) ? 1 : 0) + (ranOnB.contains(trigger) ? 1 : 0);
            // A trigger that fires while the previous run is still going is skipped (by both), never doubled.
            boolean busy = doneAt.entrySet().stream().anyMatch(run -> run.getKey() < trigger && run.getValue() > trigger);
            assertThat(runs).as("replicas that ran trigger %d (a run in progress: %s)", trigger, busy)
                    .isEqualTo(busy ? 0 : 1);
        }
        List<Long> all = new ArrayList<>(ranOnA);
        all.addAll(ranOnB);
        assertThat(all).as("no trigger ran twice").doesNotHaveDuplicates();
        long providerReads = apps.nexHealth.recordedRequests().stream()
                .filter(r -> r.path().equals("/providers") && r.query() != null && r.query().contains("location_id=101"))
                .count();
        // One read per run: every finished run has read, the last one may not have yet.
        long finished = all.stream().filter(doneAt::containsKey).count();
        assertThat(providerReads).as("NexHealth provider reads of one location: one per run, not doubled")
                .isBetween(finished, (long) all.size());

        // Slow NexHealth down so that a run lasts; kill the replica that runs the next trigger, mid-run.
        apps.nexHealth.faults().delay("/patients", 1000, Duration.ofSeconds(4));
        long last = all.stream().mapToLong(Long::longValue).max().orElseThrow();
        await().atMost(Duration.ofSeconds(60)).until(() -> latestRun(a, b) > last);
        PackagedApp leader = slots(RUN, a.log()).contains(latestRun(a, b)) ? a : b;
        PackagedApp survivor = leader == a ? b : a;
        long killedAt = System.currentTimeMillis();
        leader.kill();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> slots(RUN, survivor.log()).stream().anyMatch(slot -> slot > killedAt));
        long takeover = slots(RUN, survivor.log()).stream().filter(slot -> slot > killedAt).findFirst().orElseThrow();
        System.out.printf("two replicas: %d triggers each run once; leader killed, survivor ran the trigger %d ms"
                + " later; test took %d s%n", TRIGGERS, takeover - killedAt,
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
        // The dead leader's last renewal was at most a third of the lease's lifetime before the kill.
        assertThat(takeover - killedAt).as("taken over once the lease expired")
                .isGreaterThanOrEqualTo(LEASE_TTL.toMillis() * 2 / 3);
    }

    private PackagedApp replica(String name) throws Exception {
        Map<String, String> config = new HashMap<>(apps.appConfig());
        config.putAll(SandboxedApps.postgres(postgres));
        config.put("medsync.run.mode", "service");
        config.put("medsync.schedules.enabled", "true");
        config.put("medsync.tenants.demo-clinic.schedule.nexhealth-sync", "0/5 * * * * ?");
        config.put("medsync.jobs.lease-ttl", LEASE_TTL.toString());
        config.put("quarkus.log.console.level", "DEBUG");
        config.put("quarkus.log.category.\"io.medsync.pipeline.ScheduledJobGuard\".level", "DEBUG");
        config.put("quarkus.log.category.\"io.medsync.pipeline.SyncJobRunner\".level", "INFO");
        PackagedApp app = PackagedApp.start(config, apps.workDir.resolve(name + ".log"));
        replicas.add(app);
        return app;
    }

    /** Triggers both replicas fired (ran or skipped), in order. */
    private static List<Long> seenByBoth(PackagedApp a, PackagedApp b) throws Exception {
        List<Long> onA = fired(a.log());
        return fired(b.log()).stream().filter(onA::contains).sorted().toList();
    }

    private static List<Long> fired(String log) {
        List<Long> fired = new ArrayList<>(slots(RUN, log));
        fired.addAll(slots(SKIP, log));
        return fired;
    }

    private static long latestRun(PackagedApp a, PackagedApp b) throws Exception {
        List<Long> runs = new ArrayList<>(slots(RUN, a.log()));
        runs.addAll(slots(RUN, b.log()));
        return runs.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** When each trigger's run ended, by trigger. */
    private static Map<Long, Long> done(String log) {
        Map<Long, Long> done = new HashMap<>();
        Matcher m = DONE.matcher(log);
        while (m.find()) {
            done.put(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
        }
        return done;
    }

    private static List<Long> slots(Pattern pattern, String log) {
        List<Long> slots = new ArrayList<>();
        Matcher m = pattern.matcher(log);
        while (m.find()) {
            slots.add(Long.parseLong(m.group(1)));
        }
        return slots;
    }
}
