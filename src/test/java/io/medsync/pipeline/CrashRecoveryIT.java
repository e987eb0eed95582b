package io.medsync.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.medsync.sandbox.NexHealthSandbox;
import io.medsync.sandbox.NovaMedSandbox;
import io.medsync.sandbox.SandboxClock;
import io.medsync.sandbox.SandboxSettings;
import io.medsync.testing.PackagedApp;

/**
 * The packaged application, killed with SIGKILL three times in the middle of a sync and restarted, loses no record
 * and creates none twice. The sandboxes live in this test's JVM so they survive the kills, as NovaMed would.
 */
class CrashRecoveryIT {

    private static final int PATIENTS = 600;

    private NexHealthSandbox nexHealth;
    private NovaMedSandbox novaMed;
    private Path workDir;

    @BeforeEach
    void startSandboxes() throws Exception {
        SandboxSettings settings = SandboxSettings.defaults().withEphemeralPorts().withSeed(42, 10, PATIENTS);
        SandboxClock clock = new SandboxClock();
        nexHealth = new NexHealthSandbox(settings, clock);
        novaMed = new NovaMedSandbox(settings, clock);
        nexHealth.start();
        novaMed.start();
        workDir = Files.createTempDirectory("medsync-crash");
    }

    @AfterEach
    void stopSandboxes() {
        nexHealth.close();
        novaMed.close();
    }

    @Test
    void killedThreeTimesMidSyncNothingIsLostAndNothingIsDoubled() throws Exception {
        novaMed.faults().chaos(new io.medsync.sandbox.FaultInjector.Chaos("/api/external/", 0, 0, 1.0,
                Duration.ofMillis(15), 1));
        for (int kill = 1; kill <= 3; kill++) {
            int createdBefore = novaMed.patients().size();
            PackagedApp app = PackagedApp.start(appConfig(Map.of()), workDir.resolve("app.log"));
            await().atMost(Duration.ofSeconds(60)).until(() -> novaMed.patients().size() >= createdBefore + 60
                    || !app.alive());
            app.kill();
        }
        assertThat(novaMed.patients().size()).as("the kills came mid-sync").isLessThan(PATIENTS / 2 + 200);
        novaMed.faults().clear();

        PackagedApp last = PackagedApp.start(appConfig(Map.of()), workDir.resolve("app.log"));
        assertThat(last.waitForExitWithin(120)).as("final run exit code").isZero();

        Map<String, Long> states = patientStates();
        System.out.printf("after 3 kills and a final run: ledger %s, NovaMed holds %d patients, %d creates answered"
                + " 'already exists'%n", states, novaMed.patients().size(), duplicatesRejected());
        long delivered = states.getOrDefault("DELIVERED", 0L);
        long accountedFor = delivered + states.getOrDefault("FAILED", 0L) + states.getOrDefault("PARKED", 0L);
        assertThat(accountedFor).as("every seeded patient is in the ledger: %s", states).isEqualTo(PATIENTS);
        assertThat(states).doesNotContainKeys("IN_FLIGHT", "PENDING");
        assertThat(delivered).as("the ledger and NovaMed agree").isEqualTo(novaMed.patients().size());
        assertThat(identities(novaMed)).doesNotHaveDuplicates();
        // Only creates in flight at a kill may be resent (at most 4 delivery threads, each possibly resent by both the
        // start-up recovery and the resumed page): far more would mean committed ledger states were lost in the crash.
        assertThat(duplicatesRejected()).isLessThanOrEqualTo(3 * 4 * 2);
    }

    @Test
    void recordsInFlightAtAKillAreInDoubtWhenNotSafeToResendAndAreNotResent() throws Exception {
        novaMed.faults().chaos(new io.medsync.sandbox.FaultInjector.Chaos("/api/external/patient", 0, 0, 1.0,
                Duration.ofMillis(200), 1));
        Map<String, String> notSafe = Map.of("medsync.novamed.resend.patient", "in-doubt");
        PackagedApp app = PackagedApp.start(appConfig(notSafe), workDir.resolve("app.log"));
        await().atMost(Duration.ofSeconds(60)).until(() -> novaMed.recordedRequests().stream()
                .filter(r -> r.path().equals(NovaMedSandbox.PATIENT_PATH)).count() >= 20 || !app.alive());
        app.kill();
        novaMed.faults().clear();

        PackagedApp restarted = PackagedApp.start(appConfig(notSafe), workDir.resolve("app.log"));
        assertThat(restarted.waitForExitWithin(120)).isZero();

        Map<String, Long> states = patientStates();
        System.out.printf("after a kill and a restart with patients not safe to resend: ledger %s%n", states);
        assertThat(states.getOrDefault("IN_DOUBT", 0L)).as("records in flight at the kill: %s", states).isPositive();
        assertThat(states).doesNotContainKeys("IN_FLIGHT", "PENDING");
        long posts = novaMed.recordedRequests().stream().filter(r -> r.path().equals(NovaMedSandbox.PATIENT_PATH)).count();
        long answeredOrLost = novaMed.patients().size() + duplicatesRejected();
        assertThat(posts).as("no in-doubt record was sent again").isEqualTo(answeredOrLost + failedByNovaMed());
        assertThat(identities(novaMed)).doesNotHaveDuplicates();
    }

    private long duplicatesRejected() {
        return novaMed.recordedRequests().stream()
                .filter(r -> r.path().equals(NovaMedSandbox.PATIENT_PATH) && r.responseStatus() == 400).count();
    }

    private long failedByNovaMed() {
        return novaMed.recordedRequests().stream()
                .filter(r -> r.path().equals(NovaMedSandbox.PATIENT_PATH) && r.responseStatus() != 200
                        && r.responseStatus() != 400).count();
    }

    private Map<String, String> appConfig(Map<String, String> extra) {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.profile", "demo");
        config.put("medsync.sandbox.enabled", "false");
        // This test counts NexHealth patients; the demo's NextGen tenant has its own tests.
        config.put("medsync.tenants.demo-nextgen.enabled", "false");
        config.put("medsync.nexhealth.base-url", nexHealth.baseUri().toString().replaceAll("/$", ""));
        config.put("medsync.novamed.base-url", novaMed.baseUri().toString().replaceAll("/$", ""));
        config.put("medsync.nexhealth.per-page", "50");
        config.put("quarkus.datasource.jdbc.url", jdbcUrl());
        config.put("medsync.run.summary-file", workDir.resolve("summary.json").toString());
        config.put("quarkus.log.console.level", "WARN");
        config.putAll(extra);
        return config;
    }

    private String jdbcUrl() {
        return "jdbc:h2:file:" + workDir.resolve("ledger").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    private Map<String, Long> patientStates() throws Exception {
        Map<String, Long> states = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl(), "medsync", "medsync");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select state, count(*) from ledger_record where resource_type = 'PATIENT'"
                        + " group by state")) {
            while (rs.next()) {
                states.put(rs.getString(1), rs.getLong(2));
            }
        }
        return states;
    }

    private static List<String> identities(NovaMedSandbox novaMed) {
        return novaMed.patients().stream()
                .map(p -> p.request().path("first_name").asText() + "|" + p.request().path("last_name").asText()
                        + "|" + p.request().path("dob").asText())
                .toList();
    }
}
