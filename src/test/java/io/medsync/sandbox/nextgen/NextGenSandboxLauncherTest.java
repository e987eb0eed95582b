package io.medsync.sandbox.nextgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.medsync.sandbox.SandboxLauncher;
import io.quarkus.test.junit.QuarkusTest;

/** The application starts the NextGen simulator with the other sandboxes, configured from application.properties. */
@QuarkusTest
class NextGenSandboxLauncherTest {

    @Inject
    SandboxLauncher launcher;

    @ConfigProperty(name = "medsync.sandbox.nextgen.port")
    int port;

    @Test
    void theNextGenSandboxRunsOnItsConfiguredPortAndSurvivesARestart() {
        NextGenSandbox nextGen = launcher.nextGen();
        assertThat(nextGen.port()).isEqualTo(port);
        assertThat(nextGen.settings().clientId()).isEqualTo("medsync-sandbox");
        assertThat(nextGen.settings().refreshTokenLifetime()).hasHours(48);
        assertThat(nextGen.patientIds()).hasSize(12);

        launcher.stop();
        launcher.start(launcher.settings());
        NextGenTestClient client = new NextGenTestClient(launcher.nextGen());
        assertThat(client.get(NextGenSandbox.R4_BASE + "metadata", null).statusCode()).isEqualTo(200);
        assertThat(client.token(Map.of("grant_type", "client_credentials")).statusCode()).isEqualTo(200);
    }
}
