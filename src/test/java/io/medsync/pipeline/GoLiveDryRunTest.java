package io.medsync.pipeline;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.medsync.kafka.RefillRequest;
import io.medsync.kafka.RefillRequests;
import io.medsync.kafka.SyncRequest;
import io.medsync.kafka.SyncRequests;
import io.medsync.ledger.ResourceType;
import io.medsync.sandbox.NovaMedSandbox;
import io.medsync.tenant.Tenant;
import io.medsync.tenant.TenantRegistry;
import io.medsync.tenant.TenantsConfig;
import io.medsync.testing.PackagedApp;
import io.medsync.testing.StartsOnACleanSlate;
import io.medsync.testing.StartupConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.smallrye.config.SmallRyeConfig;

/**
 * The go-live dry run on the sandboxes: a small clinic (6 providers, 3 of them refused; 45 patients) behind a NovaMed
 * that lets 2 requests a second through. The dry run sends nothing and writes no ledger record; the real first sync
 * then does exactly what the report announced, record for record, in about the time it forecast.
 * <p>
 * The sandbox enforces the limit with 429s (the test profile's own budget is off), with fewer slots per window than
 * delivery threads, so that some thread is always ready to take a slot and the run goes at the limit, as it goes at
 * the budget in production.
 */
@QuarkusTest
class GoLiveDryRunTest extends StartsOnACleanSlate {

    private static final String TENANT = "demo-clinic";
    private static final String DEMO_NEXTGEN = "demo-nextgen";
    private static final String REJECTION = "{\"success\":false,\"error\":{\"message\":\"Validation error\","
            + "\"details\":{\"npi\":\"is not registered\"}}}";
    /** The sandbox NovaMed's limit: 2 requests per one-second window, i.e. 120 a minute. */
    private static final int PER_SECOND = 2;

    @Inject
    SyncJobRunner runner;
    @Inject
    TenantRegistry tenants;
    @Inject
    GoLiveRehearsal rehearsal;
    @Inject
    GoLiveComparison comparison;
    @Inject
    SyncRequests syncRequests;
    @Inject
    RefillRequests refillRequests;

    @BeforeEach
    void smallClinicBehindARateLimitedNovaMed() {
        sandbox.stop();
        sandbox.start(sandbox.settings().withSeed(42, 6, 45).withAppointments(40));
        sandbox.novaMed().setRateLimit(PER_SECOND, Duration.ofSeconds(1));
    }

    private static RequestSpecification operator() {
        return given().header("Authorization", "Bearer sandbox-operator-token");
    }

    private static RequestSpecification viewer() {
        return given().header("Authorization", "Bearer sandbox-viewer-token");
    }

    @Test
    void theFirstSyncDoesWhatTheDryRunAnnouncedRecordForRecordInAboutTheForecastTime() throws SQLException {
        viewer().when().post("/ops/tenants/" + TENANT + "/dry-run").then().statusCode(403);
        viewer().when().get("/ops/tenants/" + TENANT + "/go-live").then().statusCode(404)
                .body("error", equalTo("no_dry_run"));
        int nexHealthCallsBefore = sandbox.nexHealth().recordedRequests().size();

        for (var tenant : tenants.all()) {
            operator().queryParam("requests_per_minute", PER_SECOND * 60).when()
                    .post("/ops/tenants/" + tenant.id() + "/dry-run").then().statusCode(202)
                    .body("status", equalTo("started"));
        }
        awaitReport(TENANT);

        assertThat(sandbox.novaMed().recordedRequests()).as("NovaMed requests during the dry run").isEmpty();
        assertThat(rows("ledger_record")).as("ledger record rows after the dry run").isZero();
        assertThat(rows("sync_cursor")).as("the dry run leaves the cursors alone").isZero();
        assertThat(rows("appointment_event")).as("appointments are kept in the dry run's scratch state").isZero();
        // Once more, on a warm JVM as the real sync will find it: the report's forecast counts the source reading
        // the dry run measured.
        int nexHealthCallsBeforeSecond = sandbox.nexHealth().recordedRequests().size();
        String firstId = viewer().when().get("/ops/tenants/" + TENANT + "/dry-run").then().extract()
                .path("report.id");
        operator().queryParam("requests_per_minute", PER_SECOND * 60).when()
                .post("/ops/tenants/" + TENANT + "/dry-run").then().statusCode(202);
        JsonPath report = awaitReport(TENANT);
        assertThat(report.getString("id")).isNotEqualTo(firstId);
        assertThat(sandbox.novaMed().recordedRequests()).isEmpty();
        assertThat(rows("ledger_record")).isZero();
        assertThat(report.getString("outcome")).isEqualTo("ready");
        assertThat(report.getLong("source_calls.nexhealth")).as("NexHealth calls the dry run made")
                .isEqualTo(sandbox.nexHealth().recordedRequests().size() - nexHealthCallsBeforeSecond)
                .isPositive();
        assertThat(nexHealthCallsBeforeSecond).isGreaterThan(nexHealthCallsBefore);
        Map<String, String> announced = announced(report);
        assertThat(announced).containsValues("created", "failed", "parked");
        assertThat(report.getList("never_completing.root", String.class)).as("refused providers with waiting patients")
                .isNotEmpty();
        assertThat(report.getLong("data_quality.missing_npis") + report.getLong("data_quality.invalid_npis"))
                .isEqualTo(2);
        assertThat(report.getLong("data_quality.missing_emails")).isEqualTo(1);
        viewer().when().get("/ops/tenants/" + TENANT + "/dry-run/report.md").then().statusCode(200)
                .body(containsString("would create"), containsString("never completes"));

        SyncRun first = runner.runAllTenants();

        assertThat(ledgerOutcomes()).as("ledger after the first sync, record for record").isEqualTo(announced);
        assertThat(first.total(SyncOutcome.CREATED)).isEqualTo(count(announced, "created"));
        assertThat(first.total(SyncOutcome.FAILED)).isEqualTo(count(announced, "failed"));
        assertThat(first.total(SyncOutcome.PARKED)).isEqualTo(count(announced, "parked"));
        assertThat(first.total(SyncOutcome.NOVAMED_CALLS)).isEqualTo(report.getLong("novamed.calls"));

        JsonPath goLive = viewer().when().get("/ops/tenants/" + TENANT + "/go-live").then().statusCode(200)
                .extract().jsonPath();
        assertThat(goLive.getList("differences")).isEmpty();
        assertThat(goLive.getMap("happened")).isEqualTo(goLive.getMap("announced"));
        double eta = goLive.getDouble("eta_seconds");
        double actual = goLive.getDouble("actual_seconds");
        System.out.printf("go-live dry run: %d NovaMed calls forecast, ETA %.1f s (dry run took %d ms); the first"
                + " sync took %.1f s%n", report.getLong("novamed.calls"), eta, report.getLong("elapsed_ms"), actual);
        assertThat(eta).as("ETA against the first sync's duration").isBetween(actual * 0.9, actual * 1.1);
    }

    /**
     * Kafka requests while a tenant's rehearsal runs (handled as the Kafka routes hand them over; the test profile has
     * no broker): a sync request and a refill request are acted on for real, with no placeholder of the rehearsal's
     * scratch state in what NovaMed receives or the ledger keeps, and the report announces nothing of theirs.
     */
    @Test
    void kafkaRequestsDuringARehearsalAreActedOnForRealAndStayOutOfTheReport() throws SQLException {
        long patient = sandbox.nexHealth().patientIds().stream()
                .filter(id -> sandbox.nexHealth().patient(id).orElseThrow().path("provider_id").asLong() == 1001)
                .findFirst().orElseThrow();
        // The rehearsal's read of the patient list is held long enough for the requests to be handled meanwhile.
        sandbox.nexHealth().faults().delay("/patients", 1, Duration.ofSeconds(4));
        operator().when().post("/ops/tenants/" + TENANT + "/dry-run").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> sandbox.nexHealth().faults().pending() == 0);
        // The rehearsal has settled provider 1001 as "would create" (a placeholder id in its scratch state); NovaMed
        // refuses it for real, so the requested patient has no practitioner id but the placeholder to leak.
        sandbox.novaMed().faults().respondWith(NovaMedSandbox.PRACTITIONER_PATH, 1, 400, REJECTION);

        syncRequests.handle(new SyncRequest(TENANT, "nexhealth", ResourceType.PATIENT, String.valueOf(patient)));
        refillRequests.handle(new RefillRequest(TENANT, "refill-during-rehearsal", null, "rx-1", null));

        assertThat(rehearsal.progress(TENANT)).as("the rehearsal was still running").isPresent();
        assertThat(sandbox.novaMed().recordedRequests()).as("the sync request's provider, for real").isNotEmpty();
        // Paths only in the failure message: the bodies are (synthetic) patient data.
        assertThat(sandbox.novaMed().recordedRequests()).as("NovaMed requests naming a rehearsal's placeholder")
                .filteredOn(r -> r.body() != null && r.body().contains(DryRun.PLACEHOLDER_PREFIX))
                .extracting(r -> r.method() + " " + r.path()).isEmpty();
        assertThat(rows("ledger_record where novamed_id like '" + DryRun.PLACEHOLDER_PREFIX + "%'")).isZero();
        assertThat(rows("ledger_record where source_id = '" + patient + "'")).isOne();
        assertThat(rows("ledger_record where source_id = 'refill-during-rehearsal'")).isOne();
        int novaMedRequests = sandbox.novaMed().recordedRequests().size();

        JsonPath report = awaitReport(TENANT);

        assertThat(sandbox.novaMed().recordedRequests()).as("the rehearsal sent nothing").hasSize(novaMedRequests);
        assertThat(announced(report).keySet()).as("records the report announces").isNotEmpty()
                .noneMatch(k -> k.contains("/kafka/"));
    }

    /**
     * The demo's NextGen tenant (R4 charts, one tenant-level client_credentials token, every patient the server
     * lists), as the demo resolves it, against the test's NextGen sandbox. It is not one of the test application's
     * tenants (every other test's sync would read its charts), so it is rehearsed and synced directly.
     */
    @Test
    void theNextGenDemoTenantsFirstSyncDoesWhatItsDryRunAnnouncedRecordForRecord() throws Exception {
        Tenant demoNextGen = demoTenant(DEMO_NEXTGEN);
        int systemTokensBefore = sandbox.nextGen().tokenRequests("client_credentials").size();

        ReadinessReport report = rehearsal.rehearse(demoNextGen, null);

        assertThat(sandbox.novaMed().recordedRequests()).as("NovaMed requests during the dry run").isEmpty();
        assertThat(rows("ledger_record")).as("ledger record rows after the dry run").isZero();
        assertThat(rows("sync_cursor")).as("the dry run leaves the cursors alone").isZero();
        assertThat(sandbox.nextGen().tokenRequests("client_credentials").size()).as("the tenant's own token")
                .isGreaterThan(systemTokensBefore);
        assertThat(report.errors()).isEmpty();
        assertThat(report.outcome()).isEqualTo("ready");
        assertThat(report.sourceCalls().get("nextgen")).isPositive();
        Map<String, String> announced = report.announced();
        assertThat(announced.keySet()).allMatch(k -> k.startsWith(DEMO_NEXTGEN + "/nextgen/"));
        assertThat(announced).containsValues("created", "failed", "parked");

        SyncRun first = new SyncRun();
        runner.runTenant(demoNextGen, first, false);
        first.finish();

        assertThat(ledgerOutcomes(DEMO_NEXTGEN)).as("ledger after the first sync, record for record")
                .isEqualTo(announced);
        assertThat(first.total(SyncOutcome.CREATED)).isEqualTo(count(announced, "created"));
        assertThat(first.total(SyncOutcome.FAILED)).isEqualTo(count(announced, "failed"));
        assertThat(first.total(SyncOutcome.PARKED)).isEqualTo(count(announced, "parked"));
        assertThat(first.total(SyncOutcome.NOVAMED_CALLS)).isEqualTo(report.novamed().calls());
        GoLiveComparison.Comparison goLive = comparison.of(DEMO_NEXTGEN).orElseThrow();
        assertThat(goLive.differences()).isEmpty();
        assertThat(goLive.happened()).isEqualTo(goLive.announced());
    }

    /** A tenant of the demo's configuration, resolved as the demo resolves it, pointed at this test's sandboxes. */
    private static Tenant demoTenant(String id) throws IOException {
        Map<String, String> demo = new HashMap<>(PackagedApp.sandboxConfig("demo"));
        for (String port : List.of("nexhealth", "novamed", "nextgen")) {
            String name = "medsync.sandbox." + port + ".port";
            demo.put(name, ConfigProvider.getConfig().getValue(name, String.class));
        }
        SmallRyeConfig config = StartupConfig.build("demo", demo, TenantsConfig.class);
        TenantRegistry.Resolution resolution = TenantRegistry.resolve(config.getConfigMapping(TenantsConfig.class),
                config);
        assertThat(resolution.problems().lines()).isEmpty();
        return resolution.tenants().get(id);
    }

    private static JsonPath awaitReport(String tenant) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonPath status = viewer().when().get("/ops/tenants/" + tenant + "/dry-run").then().statusCode(200)
                    .extract().jsonPath();
            return status.get("running") == null && status.get("report") != null;
        });
        return viewer().when().get("/ops/tenants/" + tenant + "/dry-run").then().extract().jsonPath()
                .setRootPath("report");
    }

    /** Record key → created / failed / parked, as the report announces it. */
    private static Map<String, String> announced(JsonPath report) {
        Map<String, String> fates = new TreeMap<>();
        for (Map<String, Object> kind : report.<Map<String, Object>>getList("kinds")) {
            ((List<?>) kind.get("would_create_records")).forEach(r -> fates.put((String) r, "created"));
            for (Object group : (List<?>) kind.get("refusals")) {
                ((List<?>) ((Map<?, ?>) group).get("records")).forEach(r -> fates.put((String) r, "failed"));
            }
            for (Object group : (List<?>) kind.get("parked")) {
                ((List<?>) ((Map<?, ?>) group).get("records")).forEach(r -> fates.put((String) r, "parked"));
            }
        }
        return fates;
    }

    private Map<String, String> ledgerOutcomes() throws SQLException {
        return ledgerOutcomes(TENANT);
    }

    private Map<String, String> ledgerOutcomes(String tenant) throws SQLException {
        Map<String, String> states = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select tenant_id, source_system, resource_type, source_id, state"
                        + " from ledger_record where tenant_id = '" + tenant + "'")) {
            while (rs.next()) {
                String state = rs.getString(5);
                states.put(String.join("/", rs.getString(1), rs.getString(2).toLowerCase(),
                        rs.getString(3).toLowerCase(), rs.getString(4)),
                        "DELIVERED".equals(state) ? "created" : state.toLowerCase());
            }
        }
        return states;
    }

    private static long count(Map<String, String> fates, String fate) {
        return fates.values().stream().filter(fate::equals).count();
    }

    private long rows(String table) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
