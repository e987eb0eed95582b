package io.medsync.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.medsync.ledger.Ledger;
import io.medsync.ledger.LedgerEntry;
import io.medsync.ledger.RecordState;
import io.medsync.nextgen.NextGenTenantsProfile;
import io.medsync.pipeline.SyncJobRunner;
import io.medsync.sandbox.NovaMedSandbox;
import io.medsync.testing.ConsentBrowser;
import io.medsync.testing.StartsOnACleanSlate;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * The operator console in a real browser (Debian's chromium, driven by Playwright from src/test/browser): an
 * operator signs in, replays a dead letter and resolves an in-doubt order by clicking, and the ledger and NovaMed
 * show the result; the Go-live page shows a dry run's readiness report and its comparison with the first sync. Without chromium this test fails, so CI cannot pass without it; a developer may skip it with
 * {@code -Dmedsync.browser-tests=false}. {@code -Dmedsync.browser.update-screenshot=true} refreshes docs/console.png.
 */
@QuarkusTest
class ConsoleBrowserTest extends StartsOnACleanSlate {

    private static final String TOKEN = "sandbox-ops-token";
    private static final String REJECTION = "{\"success\":false,\"error\":{\"message\":\"Validation error\","
            + "\"details\":{\"assigned_clinic\":\"must be an active clinic\"}}}";
    private static final Path BROWSER_PROJECT = Path.of("src/test/browser");
    private static final Path SCREENSHOT = Path.of("target/browser/console.png");
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration BROWSER_TIMEOUT = Duration.ofMinutes(3);

    @Inject
    SyncJobRunner runner;

    @Inject
    Ledger ledger;

    @TestHTTPResource("/")
    URL app;

    private static RequestSpecification ops() {
        return given().header("Authorization", "Bearer " + TOKEN);
    }

    @Test
    void anOperatorReplaysADeadLetterAndResolvesAnInDoubtOrderInTheConsole() throws Exception {
        Path chromium = Path.of(System.getProperty("medsync.browser.chromium", "/usr/bin/chromium"));
        Assumptions.assumeFalse("false".equals(System.getProperty("medsync.browser-tests")),
                "browser tests switched off with -Dmedsync.browser-tests=false");
        if (!Files.isExecutable(chromium)) {
            Assertions.fail(chromium + " is missing: install Debian's chromium (apt-get install -y chromium; .ci/run"
                    + " does) or skip the browser tests with -Dmedsync.browser-tests=false");
        }
        installPlaywrightIfMissing();

        // A go-live dry run of the clinic before its first sync: the Go-live page shows its report, and then the
        // comparison with that sync.
        ops().post("/ops/tenants/demo-clinic/dry-run").then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> ops()
                .get("/ops/tenants/demo-clinic/dry-run").then().extract().path("report.outcome") != null);
        String dryRunId = ops().get("/ops/tenants/demo-clinic/dry-run").then().extract().path("report.id");

        // Three patients NovaMed rejects: three dead letters, one of which the operator replays.
        sandbox.novaMed().faults().respondWith(NovaMedSandbox.PATIENT_PATH, 3, 400, REJECTION);
        runner.runAllTenants();
        List<Integer> letters = ops().queryParam("stage", "push").queryParam("tenant", "demo-clinic")
                .get("/ops/dead-letters").then().statusCode(200).extract().jsonPath().getList("id");
        assertThat(letters).hasSize(3);
        int deadLetter = letters.get(0);

        // An order whose create NovaMed answered but whose answer was lost: in doubt.
        String tenant = NextGenTenantsProfile.R4_TENANT;
        sandbox.novaMed().faults().loseAnswer(NovaMedSandbox.MEDICATION_ORDER_PATH, 1);
        ConsentBrowser.enrol(NextGenTenantsProfile.APP_PORT, tenant, sandbox.nextGen().cleanPatientId());
        runner.runScheduled(tenant, "nextgen");
        LedgerEntry inDoubt = ledger.inState(RecordState.IN_DOUBT, tenant, 10).get(0);
        String novaMedId = sandbox.novaMed().medicationOrders().get(0).id().toString();
        int patientsBefore = sandbox.novaMed().patients().size();

        long started = System.nanoTime();
        String output = runBrowser(chromium, Map.of("MEDSYNC_OPS_TOKEN", TOKEN,
                "DEAD_LETTER_ID", String.valueOf(deadLetter), "IN_DOUBT_ID", String.valueOf(inDoubt.id()),
                "NOVAMED_ID", novaMedId, "DRY_RUN_ID", dryRunId));
        System.out.printf("console browser test: %d ms in chromium%n%s", (System.nanoTime() - started) / 1_000_000,
                output);

        ops().get("/ops/dead-letters/" + deadLetter).then().statusCode(200).body("status", equalTo("replayed"));
        assertThat(sandbox.novaMed().patients().size()).as("the replay created the patient once")
                .isEqualTo(patientsBefore + 1);
        ops().queryParam("stage", "push").queryParam("tenant", "demo-clinic").get("/ops/dead-letters").then()
                .body("id", equalTo(letters.subList(1, 3)));
        LedgerEntry resolved = ledger.findById(inDoubt.id()).orElseThrow();
        assertThat(resolved.state()).isEqualTo(RecordState.DELIVERED);
        assertThat(resolved.novaMedId()).isEqualTo(novaMedId);
        assertThat(Files.size(SCREENSHOT)).as("screenshot").isPositive();
        if (Boolean.getBoolean("medsync.browser.update-screenshot")) {
            Files.copy(SCREENSHOT, Path.of("docs/console.png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** `./mvnw verify` works without a separate step; .ci/run runs `npm ci` itself beforehand all the same. */
    private static void installPlaywrightIfMissing() throws IOException, InterruptedException {
        if (Files.isDirectory(BROWSER_PROJECT.resolve("node_modules/playwright-core"))) {
            return;
        }
        String output = run(new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund"), NPM_TIMEOUT);
        assertThat(BROWSER_PROJECT.resolve("node_modules/playwright-core")).as("npm ci: " + output).isDirectory();
    }

    private String runBrowser(Path chromium, Map<String, String> inputs) throws IOException, InterruptedException {
        Files.createDirectories(SCREENSHOT.getParent());
        ProcessBuilder node = new ProcessBuilder("node", "console-e2e.mjs");
        node.environment().putAll(inputs);
        node.environment().put("MEDSYNC_URL", app.toString().replaceAll("/$", ""));
        node.environment().put("CHROMIUM", chromium.toString());
        node.environment().put("SCREENSHOT", SCREENSHOT.toAbsolutePath().toString());
        return run(node, BROWSER_TIMEOUT);
    }

    /** Runs a command in the browser project; fails with its output unless it exits 0 in time. */
    private static String run(ProcessBuilder command, Duration timeout) throws IOException, InterruptedException {
        Path log = Files.createTempFile("medsync-browser", ".log");
        Process process = command.directory(BROWSER_PROJECT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        assertThat(finished && process.exitValue() == 0)
                .as("%s %s:%n%s", String.join(" ", command.command()), finished ? "failed" : "timed out", output)
                .isTrue();
        return output;
    }
}
