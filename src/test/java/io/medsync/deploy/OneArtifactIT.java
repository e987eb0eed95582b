package io.medsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.medsync.testing.PackagedApp;
import io.medsync.testing.SandboxedApps;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The one production artifact (target/quarkus-app) runs a sync cycle on an embedded H2 file and on PostgreSQL,
 * chosen by the JDBC URL alone; and once mode needs no HTTP port.
 */
class OneArtifactIT {

    private static final int PATIENTS = 40;

    private SandboxedApps apps;

    @BeforeEach
    void startSandboxes() {
        apps = new SandboxedApps(6, PATIENTS, 20);
    }

    @AfterEach
    void stopSandboxes() {
        apps.close();
    }

    @Test
    void theSameJarRunsOnAnH2FileAndOnPostgresql() throws Exception {
        Path h2File = apps.workDir.resolve("ledger");
        PackagedApp onH2 = PackagedApp.start(config(SandboxedApps.h2(h2File)), apps.workDir.resolve("h2.log"));
        assertThat(onH2.waitForExitWithin(120)).as("once on H2: exit code; log:%n%s", onH2.log()).isZero();
        int createdOnH2 = apps.novaMed.patients().size();
        assertThat(createdOnH2).as("patients created by the H2 run").isPositive();
        assertThat(patients(SandboxedApps.h2Url(h2File), "medsync", "medsync", "state = 'DELIVERED'"))
                .isEqualTo(createdOnH2);
        long recordsOnH2 = patients(SandboxedApps.h2Url(h2File), "medsync", "medsync", "true");

        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            PackagedApp onPostgres = PackagedApp.start(config(SandboxedApps.postgres(postgres)),
                    apps.workDir.resolve("postgres.log"));
            assertThat(onPostgres.waitForExitWithin(120)).as("once on PostgreSQL: exit code; log:%n%s",
                    onPostgres.log()).isZero();
            // A ledger of its own: every patient is read and recorded again.
            assertThat(patients(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", "true"))
                    .as("patients in the PostgreSQL ledger").isEqualTo(recordsOnH2);
            assertThat(onPostgres.log()).doesNotContain("jdbc:h2");
            System.out.printf("same jar: started on H2 in %d ms, on PostgreSQL in %d ms%n",
                    SandboxedApps.startupTime(onH2.log()).toMillis(),
                    SandboxedApps.startupTime(onPostgres.log()).toMillis());
        }
    }

    @Test
    void onceModeCompletesWithItsHttpPortTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, String> config = config(SandboxedApps.h2(apps.workDir.resolve("ledger-port")));
            config.put("quarkus.http.port", String.valueOf(taken.getLocalPort()));
            config.put("quarkus.http.host", "127.0.0.1");
            PackagedApp app = PackagedApp.start(config, apps.workDir.resolve("port.log"));
            assertThat(app.waitForExitWithin(120)).as("exit code; log:%n%s", app.log()).isZero();
            assertThat(apps.novaMed.patients()).isNotEmpty();
            assertThat(Files.exists(apps.workDir.resolve("summary.json"))).isTrue();
        }
    }

    private Map<String, String> config(Map<String, String> database) {
        Map<String, String> config = new HashMap<>(apps.appConfig());
        config.put("medsync.run.mode", "once");
        config.putAll(database);
        return config;
    }

    private static long patients(String url, String user, String password, String condition) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from ledger_record where resource_type = 'PATIENT'"
                        + " and " + condition)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
