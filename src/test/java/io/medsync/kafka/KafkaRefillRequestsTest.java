package io.medsync.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.medsync.ledger.DeadLetter;
import io.medsync.ledger.DeadLetterFilter;
import io.medsync.ledger.DeadLetterStore;
import io.medsync.ledger.Ledger;
import io.medsync.ledger.LedgerEntry;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.RecordState;
import io.medsync.ledger.ResourceType;
import io.medsync.ledger.SourceSystem;
import io.medsync.nextgen.NextGenTenantsProfile;
import io.medsync.pipeline.SyncJobRunner;
import io.medsync.sandbox.NovaMedSandbox;
import io.medsync.sandbox.SandboxLauncher;
import io.medsync.testing.CleanSlate;
import io.medsync.testing.ConsentBrowser;
import io.medsync.testing.KafkaProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Refill requests on a real broker for medication orders a NextGen sync delivered: an eligible one becomes a
 * NovaMed refill once (a redelivered request is skipped by the ledger); NovaMed's refusals (order still pending, a
 * refill already pending) end in the dead letters with NovaMed's message; an unreadable request goes to the
 * refill dead-letter topic.
 */
@QuarkusTest
@TestProfile(KafkaProfile.class)
class KafkaRefillRequestsTest {

    static final String TENANT = NextGenTenantsProfile.R4_TENANT;
    static final String REFILLS = "medsync.refill-requests";
    static final String DLQ = "medsync.refill-requests.dlq";

    @Inject
    SandboxLauncher sandbox;

    @Inject
    SyncJobRunner runner;

    @Inject
    DataSource dataSource;

    @Inject
    Ledger ledger;

    @Inject
    DeadLetterStore deadLetters;

    @Inject
    KafkaSettings settings;

    KafkaTestClient kafka;
    List<String> orderSourceIds;

    @BeforeEach
    void deliveredOrders() throws Exception {
        CleanSlate.reset(sandbox, dataSource);
        kafka = new KafkaTestClient(settings.bootstrapServers().orElseThrow());
        String patientId = sandbox.nextGen().cleanPatientId();
        ConsentBrowser.enrol(NextGenTenantsProfile.APP_PORT, TENANT, patientId);
        runner.runScheduled(TENANT, "nextgen");
        orderSourceIds = sandbox.nextGen().r4MedicationRequests(patientId).stream()
                .filter(r -> r.getStatus().toCode().equals("active")).map(r -> r.getIdElement().getIdPart()).toList();
        assertThat(orderSourceIds).hasSizeGreaterThanOrEqualTo(2);
        orderSourceIds.forEach(id -> assertThat(ledger.novaMedId(orderKey(id))).isPresent());
    }

    @AfterEach
    void closeClient() {
        kafka.close();
    }

    @Test
    void aShippedOrderIsRefilledOnceEvenWhenTheRequestIsRedelivered() throws Exception {
        String order = orderSourceIds.get(0);
        ship(order);
        String request = refill("refill-1", order);
        kafka.produce(REFILLS, List.of(KafkaTestClient.record(TENANT + ":" + order, request),
                KafkaTestClient.record(TENANT + ":" + order, request)));

        RecordKey key = new RecordKey(TENANT, SourceSystem.KAFKA, ResourceType.REFILL, "refill-1");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ledger.find(key))
                .map(LedgerEntry::state).contains(RecordState.DELIVERED));
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.lag("medsync", REFILLS) == 0);
        List<NovaMedSandbox.Refill> refills = sandbox.novaMed().refills();
        assertThat(refills).hasSize(1);
        assertThat(refills.get(0).refilledOrderId().toString()).isEqualTo(ledger.novaMedId(orderKey(order)).orElseThrow());
        assertThat(ledger.find(key).orElseThrow().novaMedId()).isEqualTo(refills.get(0).id().toString());
    }

    @Test
    void novaMedsRefusalsEndInTheDeadLettersWithItsMessage() throws Exception {
        String threeRefills = orderSourceIds.get(0);
        String noRefills = orderSourceIds.get(1);
        kafka.produce(REFILLS, List.of(KafkaTestClient.record(TENANT + ":p", refill("refill-pending", threeRefills))));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(reasonOf("refill-pending"))
                .contains("Refills are not possible for pending medication requests"));

        ship(threeRefills);
        ship(noRefills);
        kafka.produce(REFILLS, List.of(
                KafkaTestClient.record(TENANT + ":p", refill("refill-first", threeRefills)),
                KafkaTestClient.record(TENANT + ":p", refill("refill-second", threeRefills)),
                KafkaTestClient.record(TENANT + ":p", refill("refill-none-left", noRefills)),
                KafkaTestClient.record(TENANT + ":p", refill("refill-unknown-order", "no-such-order"))));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(reasonOf("refill-second")).contains("Refill request already exists");
            assertThat(reasonOf("refill-none-left")).contains("No refills remaining");
            // An order medsync never read is not "waiting to reach NovaMed": the reason says it is unknown.
            assertThat(reasonOf("refill-unknown-order")).contains("unknown order").doesNotContain("waiting");
        });
        assertThat(ledger.find(new RecordKey(TENANT, SourceSystem.KAFKA, ResourceType.REFILL, "refill-first")))
                .map(LedgerEntry::state).contains(RecordState.DELIVERED);
        assertThat(sandbox.novaMed().refills()).hasSize(1);
    }

    @Test
    void anUnreadableRefillRequestGoesToItsDeadLetterTopic() throws Exception {
        var dlqStart = kafka.endOffsets(DLQ);
        kafka.produce(REFILLS, List.of(KafkaTestClient.record(TENANT + ":x",
                "{\"version\":1,\"tenant\":\"" + TENANT + "\",\"request_id\":\"r-9\"}")));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kafka.readFrom(DLQ, dlqStart))
                .singleElement().satisfies(r -> assertThat(new String(r.headers().lastHeader("medsync-reason").value()))
                        .contains("exactly one of medication_request_id and source_order_id")));
    }

    private void ship(String sourceOrderId) {
        sandbox.novaMed().ship(UUID.fromString(ledger.novaMedId(orderKey(sourceOrderId)).orElseThrow()));
    }

    private String reasonOf(String requestId) {
        RecordKey key = new RecordKey(TENANT, SourceSystem.KAFKA, ResourceType.REFILL, requestId);
        return deadLetters.list(new DeadLetterFilter(TENANT, null, null, null, null, 100)).stream()
                .filter(d -> d.key().equals(key)).map(DeadLetter::reason).findFirst().orElse("");
    }

    private static String refill(String requestId, String sourceOrderId) {
        return "{\"version\":1,\"tenant\":\"" + TENANT + "\",\"request_id\":\"" + requestId
                + "\",\"source_order_id\":\"" + sourceOrderId + "\"}";
    }

    private static RecordKey orderKey(String sourceOrderId) {
        return new RecordKey(TENANT, SourceSystem.NEXTGEN, ResourceType.MEDICATION_ORDER, sourceOrderId);
    }
}
