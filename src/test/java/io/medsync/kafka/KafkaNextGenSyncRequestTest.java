package io.medsync.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.medsync.nextgen.NextGenTenantsProfile;
import io.medsync.sandbox.NovaMedSandbox;
import io.medsync.sandbox.SandboxLauncher;
import io.medsync.testing.CleanSlate;
import io.medsync.testing.ConsentBrowser;
import io.medsync.testing.KafkaProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** "Sync this NextGen patient now" from Kafka: the patient's chart goes through the pipeline once, at once. */
@QuarkusTest
@TestProfile(KafkaProfile.class)
class KafkaNextGenSyncRequestTest {

    static final String TENANT = NextGenTenantsProfile.R4_TENANT;
    static final String REQUESTS = "medsync.sync-requests";
    static final String DLQ = "medsync.sync-requests.dlq";

    @Inject
    SandboxLauncher sandbox;

    @Inject
    DataSource dataSource;

    @Inject
    KafkaSettings settings;

    KafkaTestClient kafka;

    @BeforeEach
    void cleanSlate() {
        CleanSlate.reset(sandbox, dataSource);
        kafka = new KafkaTestClient(settings.bootstrapServers().orElseThrow());
    }

    @AfterEach
    void closeClient() {
        kafka.close();
    }

    @Test
    void anEnrolledPatientsPrescriptionsAreCreatedOnceWhateverTheRepeats() throws Exception {
        String patientId = sandbox.nextGen().cleanPatientId();
        ConsentBrowser.enrol(NextGenTenantsProfile.APP_PORT, TENANT, patientId);
        String request = "{\"version\":1,\"tenant\":\"" + TENANT + "\",\"source\":\"nextgen\",\"resource\":\"patient\","
                + "\"id\":\"" + patientId + "\"}";
        kafka.produce(REQUESTS, List.of(KafkaTestClient.record(TENANT + ":" + patientId, request),
                KafkaTestClient.record(TENANT + ":" + patientId, request)));

        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.lag("medsync", REQUESTS) == 0);
        long active = sandbox.nextGen().activeOrderCount(patientId);
        assertThat(sandbox.novaMed().recordedRequests().stream()
                .filter(r -> r.path().equals(NovaMedSandbox.MEDICATION_ORDER_PATH) && r.responseStatus() == 200))
                .hasSize((int) active);
        assertThat(sandbox.novaMed().patients()).hasSize(1);
    }

    @Test
    void aNextGenRequestForATenantWithoutNextGenIsPoison() throws Exception {
        var dlqStart = kafka.endOffsets(DLQ);
        kafka.produce(REQUESTS, List.of(KafkaTestClient.record("demo-clinic:x", "{\"version\":1,\"tenant\":"
                + "\"demo-clinic\",\"source\":\"nextgen\",\"resource\":\"patient\",\"id\":\"abc\"}")));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kafka.readFrom(DLQ, dlqStart))
                .singleElement().satisfies(r -> assertThat(new String(r.headers().lastHeader("medsync-reason").value()))
                        .contains("this tenant has no NextGen source")));
    }
}
