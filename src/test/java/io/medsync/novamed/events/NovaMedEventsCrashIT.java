package io.medsync.novamed.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.medsync.testing.PackagedApp;

/**
 * The packaged application is SIGKILLed after it stored NovaMed events and answered 200, before it processed them;
 * restarted, it processes each exactly once. Processing is held back deterministically with the real
 * {@code process-on-receipt=false} switch (events then wait for the sweep, an hour away) instead of racing the kill.
 */
class NovaMedEventsCrashIT {

    private static final int PORT = 28597;
    /** The packaged app serves /q/health and /q/metrics on its management port. */
    private static final int MANAGEMENT_PORT = 28598;
    private static final int EVENTS = 20;
    private static final String SECRET = "sandbox-novamed-webhook-secret";

    private final HttpClient http = HttpClient.newHttpClient();
    private Path workDir;
    private final List<PackagedApp> started = new ArrayList<>();

    @BeforeEach
    void workDir() throws IOException {
        workDir = Files.createTempDirectory("medsync-novamed-crash");
    }

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (PackagedApp app : started) {
            if (app.alive()) {
                app.kill();
            }
        }
    }

    @Test
    void eventsStoredButNotProcessedWhenTheAppIsKilledAreProcessedOnceAfterRestart() throws Exception {
        PackagedApp first = start(Map.of("medsync.novamed.webhook.process-on-receipt", "false",
                "medsync.webhook-inbox.sweep-interval", "PT1H"));
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> liveness() == 200);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            bodies.add("{\"event_name\":\"medication_order:verified\",\"event_data\":{\"id\":\"" + UUID.randomUUID()
                    + "\",\"patient_id\":\"" + UUID.randomUUID() + "\",\"practitioner_id\":\"" + UUID.randomUUID()
                    + "\"}}");
        }
        for (String body : bodies) {
            assertThat(post(body)).isEqualTo(200);
        }
        assertThat(processedCount()).as("acknowledged, not processed yet").isZero();

        first.kill();

        start(Map.of());
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                .until(() -> processedCount() == EVENTS);
        // NovaMed retries what it did not see acknowledged; these were: a repeat changes nothing.
        assertThat(post(bodies.get(0))).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> Map.of("DONE", EVENTS).equals(statusCounts()));
        assertThat(processedCount()).isEqualTo(EVENTS);
        assertThat(attempts()).as("each processed once").containsOnly(1);
    }

    private PackagedApp start(Map<String, String> extra) throws IOException {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.profile", "demo");
        config.put("medsync.run.mode", "service");
        config.put("medsync.schedules.enabled", "false");
        config.put("medsync.sandbox.enabled", "false");
        config.put("quarkus.http.port", String.valueOf(PORT));
        config.put("quarkus.management.port", String.valueOf(MANAGEMENT_PORT));
        config.put("quarkus.datasource.jdbc.url", jdbcUrl());
        config.put("quarkus.log.console.level", "WARN");
        config.putAll(extra);
        PackagedApp app = PackagedApp.start(config, workDir.resolve("app.log"));
        started.add(app);
        return app;
    }

    /**
     * AUTO_SERVER lets this test read the ledger while the app has it open (only then: opened here, the test JVM
     * would own the file).
     */
    private String jdbcUrl() {
        return "jdbc:h2:file:" + workDir.resolve("ledger").toAbsolutePath()
                + ";WRITE_DELAY=0;AUTO_SERVER=TRUE";
    }

    private int post(String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/webhooks/novamed"))
                .header("x-api-key", SECRET).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private int liveness() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + MANAGEMENT_PORT + "/q/health/live"))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** What the app reports: {@code medsync_novamed_events_total{event="medication_order:verified",outcome="unlinked"}}. */
    private double processedCount() throws IOException, InterruptedException {
        String prefix = "medsync_novamed_events_total{event=\"medication_order:verified\",outcome=\"unlinked\"}";
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + MANAGEMENT_PORT + "/q/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(l -> l.startsWith(prefix))
                .mapToDouble(l -> Double.parseDouble(l.substring(prefix.length()).trim())).sum();
    }

    private Map<String, Integer> statusCounts() throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl(), "medsync", "medsync");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select status, count(*) from novamed_event group by status")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getInt(2));
            }
        }
        return counts;
    }

    private List<Integer> attempts() throws Exception {
        List<Integer> attempts = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl(), "medsync", "medsync");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select attempts from novamed_event")) {
            while (rs.next()) {
                attempts.add(rs.getInt(1));
            }
        }
        return attempts;
    }
}
