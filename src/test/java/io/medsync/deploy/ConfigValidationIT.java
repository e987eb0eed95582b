package io.medsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.medsync.testing.PackagedApp;

/**
 * The packaged application in the prod profile with five bad settings, from the environment as Kubernetes passes
 * them (one tenant id with a dash): one message names all five, property and variable, no stack trace, exit code 1,
 * and the ledger database is not even created.
 */
class ConfigValidationIT {

    @Test
    void fiveBadSettingsAreReportedTogetherBeforeTheDatabaseIsTouched() throws Exception {
        Path workDir = Files.createTempDirectory("medsync-config");
        Path ledger = workDir.resolve("ledger");
        Map<String, String> env = new HashMap<>();
        env.put("MEDSYNC_TENANT_IDS", "acme-east");
        String t = "MEDSYNC_TENANTS_ACME_EAST_";
        env.put(t + "NEXHEALTH_LOCATIONS_MAIN_SUBDOMAIN", "acme-dental");
        env.put(t + "NEXHEALTH_LOCATIONS_MAIN_LOCATION_ID", "4321");
        env.put(t + "NEXHEALTH_API_KEY_REF", "NEXHEALTH_KEY_ACME");
        env.put("NEXHEALTH_KEY_ACME", "nexhealth-key");
        env.put(t + "NOVAMED_CLINIC_ID", "2a7d8da1-2f69-46e1-87a4-04490ab73c41");
        // 1. a key reference naming a variable that is not set
        env.put(t + "NOVAMED_API_KEY_REF", "NOVAMED_KEY_ACME");
        // 2. not a cron expression
        env.put(t + "SCHEDULE_NEXHEALTH_SYNC", "every 15 minutes");
        // 3. plain HTTP in prod
        env.put("MEDSYNC_NEXHEALTH_BASE_URL", "http://nexhealth.internal");
        // 4. a webhook URL without the secret its deliveries carry
        env.put("MEDSYNC_NOVAMED_WEBHOOK_URL", "https://medsync.example/webhooks/novamed");
        // 5. NextGen source without the NovaMed order defaults
        env.put(t + "NEXTGEN_FHIR_BASE_URL", "https://fhir.example/r4/");
        env.put(t + "NEXTGEN_AUTH", "none");
        Map<String, String> properties = Map.of("quarkus.profile", "prod",
                "quarkus.datasource.jdbc.url", "jdbc:h2:file:" + ledger.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE",
                "medsync.encryption.keys", "k1:" + "A".repeat(43) + "=", "medsync.encryption.active-key", "k1");

        PackagedApp app = PackagedApp.start(properties, env, workDir.resolve("app.log"));

        assertThat(app.waitForExitWithin(120)).isEqualTo(1);
        String log = app.log();
        assertThat(log).contains("medsync cannot start: 5 configuration problems")
                .contains("medsync.tenants.acme-east.novamed.api-key-ref names 'NOVAMED_KEY_ACME'")
                .contains("[env MEDSYNC_TENANTS_ACME_EAST_NOVAMED_API_KEY_REF]")
                .contains("medsync.tenants.acme-east.schedule.nexhealth-sync: not a valid Quartz cron expression")
                .contains("medsync.nexhealth.base-url must be an https:// URL in the prod profile [env MEDSYNC_NEXHEALTH_BASE_URL]")
                .contains("medsync.novamed.webhook.secret (MEDSYNC_NOVAMED_WEBHOOK_SECRET) must be set")
                .contains("medsync.tenants.acme-east.defaults.carrier-id and")
                .doesNotContain("\tat ")
                .doesNotContain("nexhealth-key");
        try (var files = Files.list(workDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("the ledger database is not created")
                    .noneMatch(name -> name.startsWith("ledger"));
        }
    }
}
