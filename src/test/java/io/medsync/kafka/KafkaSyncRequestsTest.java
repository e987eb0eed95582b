package io.medsync.kafka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.medsync.ledger.DeadLetter;
import io.medsync.ledger.DeadLetterFilter;
import io.medsync.ledger.DeadLetterStore;
import io.medsync.ledger.DeliveryOutcomeEvent;
import io.medsync.ledger.Ledger;
import io.medsync.ledger.LedgerEntry;
import io.medsync.ledger.Outbox;
import io.medsync.ledger.RecordKey;
import io.medsync.ledger.RecordState;
import io.medsync.ledger.ResourceType;
import io.medsync.crypto.SealedPayload;
import io.medsync.ledger.SourceSystem;
import io.medsync.sandbox.NovaMedSandbox;
import io.medsync.sandbox.SandboxLauncher;
import io.medsync.testing.CleanSlate;
import io.medsync.testing.KafkaProfile;
import io.medsync.testing.SeedPatients;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Sync requests produced to a real Kafka broker: each valid one delivered once, unreadable ones dead-lettered and
 * copied to the dead-letter topic, offsets committed to the end; outcomes published from the outbox without PHI.
 */
@QuarkusTest
@TestProfile(KafkaProfile.class)
class KafkaSyncRequestsTest {

    private static final String TENANT = "demo-clinic";
    private static final String REQUESTS = "medsync.sync-requests";
    private static final String DLQ = "medsync.sync-requests.dlq";
    private static final String GROUP = "medsync";
    private static final String CONSUMER_ROUTE = "kafka-sync-requests";

    @Inject
    SandboxLauncher sandbox;

    @Inject
    Ledger ledger;

    @Inject
    DeadLetterStore deadLetters;

    @Inject
    Outbox outbox;

    @Inject
    DataSource dataSource;

    @Inject
    CamelContext camel;

    @Inject
    KafkaSettings settings;

    @Inject
    ObjectMapper json;

    KafkaTestClient kafka;

    @BeforeEach
    void freshLedgerWithPractitionersInNovaMed() {
        CleanSlate.reset(sandbox, dataSource);
        // Every NexHealth provider already has its NovaMed practitioner, so any complete patient can be delivered.
        for (long providerId : sandbox.nexHealth().providerIds()) {
            RecordKey key = new RecordKey(TENANT, SourceSystem.NEXHEALTH, ResourceType.PROVIDER, String.valueOf(providerId));
            ledger.check(key, "seeded");
            ledger.markInFlight(key, new SealedPayload("sandbox-v1", "c2VlZGVk"));
            ledger.markDelivered(key, NovaMedSandbox.CLINIC_PRACTITIONER_ID);
        }
        kafka = new KafkaTestClient(settings.bootstrapServers().orElseThrow());
    }

    @AfterEach
    void closeClient() {
        kafka.close();
    }

    @Test
    void fiveHundredRequestsWithDuplicatesAndPoisonDeliverEachPatientOnceAndDeadLetterThePoison() throws Exception {
        List<Long> patients = completePatients();
        Map<TopicPartition, Long> dlqStart = kafka.endOffsets(DLQ);
        List<Long> appointments = bookedAppointments().stream().limit(10).toList();
        List<ProducerRecord<String, byte[]>> valid = new ArrayList<>();
        for (int i = 0; valid.size() < 470; i++) {
            valid.add(patientRequest(patients.get(i % patients.size())));
        }
        appointments.forEach(id -> valid.add(KafkaTestClient.record(TENANT + ":appointment-" + id,
                request("appointment", String.valueOf(id)))));
        List<ProducerRecord<String, byte[]>> all = mixIn(valid, poison());
        assertThat(all).hasSize(500);

        kafka.produce(REQUESTS, all);

        await().atMost(Duration.ofSeconds(60)).until(() -> kafka.lag(GROUP, REQUESTS) == 0);
        for (long patientId : patients) {
            assertThat(ledger.find(patientKey(patientId))).map(LedgerEntry::state).contains(RecordState.DELIVERED);
        }
        assertDeliveredOnceEach(patients);
        assertThat(appointmentEvents()).isEqualTo(appointments.size());

        List<DeadLetter> letters = deadLetters.list(new DeadLetterFilter(null, KafkaIntake.STAGE, null, null, null, 100));
        assertThat(letters).hasSize(20).allSatisfy(letter -> {
            assertThat(letter.key().sourceSystem()).isEqualTo(SourceSystem.KAFKA);
            assertThat(letter.key().sourceId()).startsWith(REQUESTS + "-");
        });
        assertThat(letters).extracting(DeadLetter::reason).contains("sync-requests: not JSON",
                "sync-requests: unsupported version 2: this medsync reads version 1",
                "sync-requests: missing field: id",
                "sync-requests: unknown tenant: no medsync.tenants.<id> configuration has this id",
                "sync-requests: unknown source: expected \"nexhealth\" or \"nextgen\"",
                "sync-requests: unknown resource: expected \"patient\" or \"appointment\"",
                "sync-requests: field id must be a positive numeric id");
        List<ConsumerRecord<String, byte[]>> dlq = kafka.readFrom(DLQ, dlqStart);
        assertThat(dlq).hasSize(20);
        assertThat(dlq).extracting(r -> "sync-requests: " + header(r, KafkaIntake.REASON_HEADER))
                .containsExactlyInAnyOrderElementsOf(letters.stream().map(DeadLetter::reason).toList());
        assertThat(dlq).extracting(r -> header(r, KafkaIntake.ORIGIN_HEADER))
                .containsExactlyInAnyOrderElementsOf(letters.stream().map(l -> l.key().sourceId()).toList());
    }

    @Test
    void stoppingTheConsumerMidBatchAndStartingItAgainLosesNoRequestAndSendsNoneTwice() throws Exception {
        List<Long> patients = completePatients();
        List<ProducerRecord<String, byte[]>> requests = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            patients.forEach(id -> requests.add(patientRequest(id)));
        }

        kafka.produce(REQUESTS, requests);
        await().atMost(Duration.ofSeconds(30)).until(() -> delivered(patients) >= 10);
        camel.getRouteController().stopRoute(CONSUMER_ROUTE);
        int deliveredWhenStopped = delivered(patients);
        camel.getRouteController().startRoute(CONSUMER_ROUTE);

        await().atMost(Duration.ofSeconds(60)).until(() -> kafka.lag(GROUP, REQUESTS) == 0);
        assertThat(deliveredWhenStopped).isLessThan(patients.size());
        for (long patientId : patients) {
            assertThat(ledger.find(patientKey(patientId))).map(LedgerEntry::state).contains(RecordState.DELIVERED);
        }
        assertDeliveredOnceEach(patients);
    }

    @Test
    void aNexHealthOutageHoldsTheRequestsInPlaceUntilTheyCanBeServedAndLosesNone() throws Exception {
        List<Long> patients = completePatients().subList(0, 5);
        // More failures than one call's retries: the intake itself has to try the request again, offset uncommitted.
        sandbox.nexHealth().faults().respondWith("/patients/", 10, 503, "{\"code\":false,\"error\":[\"down\"]}");

        kafka.produce(REQUESTS, patients.stream().map(this::patientRequest).toList());

        await().atMost(Duration.ofSeconds(60)).until(() -> kafka.lag(GROUP, REQUESTS) == 0);
        assertThat(sandbox.nexHealth().recordedRequests()).filteredOn(r -> r.responseStatus() == 503).hasSize(10);
        for (long patientId : patients) {
            assertThat(ledger.find(patientKey(patientId))).map(LedgerEntry::state).contains(RecordState.DELIVERED);
        }
        assertDeliveredOnceEach(patients);
        assertThat(deadLetters.list(new DeadLetterFilter(null, null, null, null, null, 100))).isEmpty();
    }

    @Test
    void theOutcomesTopicHasOneOutcomePerDeliveredRecordAndNoEventCarriesPersonalData() throws Exception {
        List<Long> patients = completePatients().subList(0, 40);
        // The practitioners' outcomes (set up for every test) are published first.
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.backlog() == 0);
        Map<TopicPartition, Long> outcomesStart = kafka.endOffsets(settings.topics().outcomes());
        List<ProducerRecord<String, byte[]>> requests = new ArrayList<>();
        patients.forEach(id -> requests.add(patientRequest(id)));
        patients.subList(0, 10).forEach(id -> requests.add(patientRequest(id)));
        bookedAppointments().stream().limit(5).forEach(id -> requests.add(
                KafkaTestClient.record(TENANT + ":appointment-" + id, request("appointment", String.valueOf(id)))));
        requests.add(KafkaTestClient.record(TENANT + ":bad", "{\"version\":1,\"tenant\":\"" + TENANT + "\"}"));

        kafka.produce(REQUESTS, requests);
        await().atMost(Duration.ofSeconds(60)).until(() -> kafka.lag(GROUP, REQUESTS) == 0 && outbox.backlog() == 0);

        List<ConsumerRecord<String, byte[]>> outcomes = kafka.readFrom(settings.topics().outcomes(), outcomesStart);
        List<JsonNode> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : outcomes) {
            events.add(json.readTree(r.value()));
        }
        Map<String, Long> deliveredPerRecord = events.stream().filter(e -> e.path("state").asText().equals("delivered"))
                .collect(Collectors.groupingBy(e -> e.path("tenant").asText() + "/" + e.path("source").asText() + "/"
                        + e.path("resource").asText() + "/" + e.path("sourceId").asText(), Collectors.counting()));
        Set<String> deliveredInLedger = ledger.inState(RecordState.DELIVERED, TENANT, 10_000).stream()
                .filter(e -> e.key().resourceType() == ResourceType.PATIENT)
                .map(e -> e.key().toString()).collect(Collectors.toSet());
        assertThat(deliveredInLedger).hasSize(patients.size());
        assertThat(deliveredPerRecord.keySet()).containsExactlyInAnyOrderElementsOf(deliveredInLedger);
        assertThat(deliveredPerRecord.values()).containsOnly(1L);
        JsonNode first = events.stream().filter(e -> e.path("resource").asText().equals("patient")).findFirst()
                .orElseThrow();
        assertThat(first.path("version").asInt()).isEqualTo(1);
        assertThat(first.path("type").asText()).isEqualTo(DeliveryOutcomeEvent.TYPE);
        assertThat(first.path("novamedId").asText()).isEqualTo(
                ledger.find(patientKey(first.path("sourceId").asLong())).orElseThrow().novaMedId());

        List<ConsumerRecord<String, byte[]>> everyEvent = new ArrayList<>(kafka.readAll(settings.topics().outcomes()));
        everyEvent.addAll(kafka.readAll(settings.topics().appointmentEvents()));
        everyEvent.addAll(kafka.readAll(settings.topics().deadLetters()));
        assertThat(kafka.readAll(settings.topics().appointmentEvents())).isNotEmpty();
        assertThat(kafka.readAll(settings.topics().deadLetters())).isNotEmpty();
        Set<String> phi = seedPersonalData();
        assertThat(phi).hasSizeGreaterThan(500);
        for (ConsumerRecord<String, byte[]> event : everyEvent) {
            String text = (event.key() == null ? "" : event.key()) + " " + new String(event.value(), StandardCharsets.UTF_8);
            assertThat(phi).as(text).noneMatch(text::contains);
        }
    }

    @Test
    void aRequestForAPatientWhosePractitionerIsNewDeliversBothAndAnswersDelivered() throws Exception {
        long patientId = completePatients().stream()
                .filter(id -> sandbox.nexHealth().patient(id).orElseThrow().path("provider_id").isNumber())
                .findFirst().orElseThrow();
        long providerId = sandbox.nexHealth().patient(patientId).orElseThrow().path("provider_id").asLong();
        RecordKey provider = new RecordKey(TENANT, SourceSystem.NEXHEALTH, ResourceType.PROVIDER,
                String.valueOf(providerId));
        forget(provider); // NovaMed has never heard of this patient's practitioner, and no provider sync runs
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.backlog() == 0);
        Map<TopicPartition, Long> outcomesStart = kafka.endOffsets(settings.topics().outcomes());

        kafka.produce(REQUESTS, List.of(patientRequest(patientId)));

        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.lag(GROUP, REQUESTS) == 0 && outbox.backlog() == 0);
        String practitionerId = ledger.find(provider).map(LedgerEntry::novaMedId).orElseThrow();
        assertThat(sandbox.novaMed().practitioners()).extracting(c -> c.id().toString()).contains(practitionerId);
        assertThat(ledger.find(patientKey(patientId))).map(LedgerEntry::state).contains(RecordState.DELIVERED);
        assertThat(sandbox.novaMed().patients()).singleElement()
                .satisfies(p -> assertThat(p.request().path("practitioner_id").asText()).isEqualTo(practitionerId));
        List<JsonNode> events = outcomeEvents(outcomesStart);
        assertThat(states(events, provider)).containsExactly("delivered");
        // Brought in first, the practitioner leaves nothing to wait for: the patient's last answer is "delivered".
        assertThat(states(events, patientKey(patientId))).last().isEqualTo("delivered");
    }

    @Test
    void aParkedRequestIsAnsweredParkedWithWhatItWaitsForAndLaterDelivered() throws Exception {
        long patientId = completePatients().get(0);
        JsonNode asSeeded = sandbox.nexHealth().patient(patientId).orElseThrow();
        RecordKey unknownProvider = new RecordKey(TENANT, SourceSystem.NEXHEALTH, ResourceType.PROVIDER, "987654321");
        sandbox.nexHealth().updatePatient(patientId, p -> p.put("provider_id", 987654321L));
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.backlog() == 0);
        Map<TopicPartition, Long> outcomesStart = kafka.endOffsets(settings.topics().outcomes());

        kafka.produce(REQUESTS, List.of(patientRequest(patientId)));

        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.lag(GROUP, REQUESTS) == 0 && outbox.backlog() == 0);
        List<JsonNode> parked = outcomeEvents(outcomesStart);
        assertThat(parked).singleElement().satisfies(e -> {
            assertThat(e.path("state").asText()).isEqualTo("parked");
            assertThat(e.path("sourceId").asText()).isEqualTo(String.valueOf(patientId));
            assertThat(e.path("waitingFor").asText()).isEqualTo(unknownProvider.toString());
        });

        // The patient's own provider again: the next request completes, and the answer follows on the same key.
        sandbox.nexHealth().updatePatient(patientId, p -> p.set("provider_id", asSeeded.path("provider_id")));
        kafka.produce(REQUESTS, List.of(patientRequest(patientId)));
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.lag(GROUP, REQUESTS) == 0 && outbox.backlog() == 0);
        assertThat(states(outcomeEvents(outcomesStart), patientKey(patientId))).containsExactly("parked", "delivered");
    }

    @Test
    void readinessReportsTheBrokerUp() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(KafkaBrokerHealthCheck.NAME))
                .body("checks.find { it.name == '" + KafkaBrokerHealthCheck.NAME + "' }.status", equalTo("UP"))
                .body("checks.find { it.name == '" + KafkaBrokerHealthCheck.NAME + "' }.data.enabled", equalTo(true));
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /** Exactly one NovaMed create per patient, and the ledger's NovaMed id is the one NovaMed gave. */
    private void assertDeliveredOnceEach(List<Long> patients) {
        Set<String> distinct = new HashSet<>();
        patients.forEach(id -> distinct.add(String.valueOf(id)));
        long creates = sandbox.novaMed().recordedRequests().stream()
                .filter(r -> r.method().equals("POST") && r.path().equals(NovaMedSandbox.PATIENT_PATH)).count();
        assertThat(creates).isEqualTo(distinct.size());
        Set<String> created = sandbox.novaMed().patients().stream().map(c -> c.id().toString())
                .collect(Collectors.toSet());
        Set<String> inLedger = distinct.stream().map(id -> ledger.find(patientKey(Long.parseLong(id))).orElseThrow()
                .novaMedId()).collect(Collectors.toSet());
        assertThat(inLedger).isEqualTo(created);
    }

    private List<JsonNode> outcomeEvents(Map<TopicPartition, Long> from) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : kafka.readFrom(settings.topics().outcomes(), from)) {
            events.add(json.readTree(r.value()));
        }
        return events;
    }

    /** The states the outcome events report for one record, in the order they were published. */
    private static List<String> states(List<JsonNode> events, RecordKey key) {
        return events.stream().filter(e -> (e.path("tenant").asText() + "/" + e.path("source").asText() + "/"
                + e.path("resource").asText() + "/" + e.path("sourceId").asText()).equals(key.toString()))
                .map(e -> e.path("state").asText()).toList();
    }

    private void forget(RecordKey key) throws Exception {
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("delete from ledger_record where tenant_id = ? and source_system = ?"
                        + " and resource_type = ? and source_id = ?")) {
            ps.setString(1, key.tenantId());
            ps.setString(2, key.sourceSystem().name());
            ps.setString(3, key.resourceType().name());
            ps.setString(4, key.sourceId());
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    private List<Long> completePatients() {
        List<Long> ids = SeedPatients.complete(sandbox.nexHealth());
        assertThat(ids).hasSizeGreaterThan(40);
        return ids;
    }

    private List<Long> bookedAppointments() {
        return sandbox.nexHealth().appointmentIds().stream()
                .filter(id -> !sandbox.nexHealth().appointment(id).orElseThrow().path("unavailable").asBoolean())
                .toList();
    }

    private int delivered(List<Long> patients) {
        return (int) patients.stream().filter(id -> ledger.find(patientKey(id)).map(LedgerEntry::state)
                .filter(s -> s == RecordState.DELIVERED).isPresent()).count();
    }

    private ProducerRecord<String, byte[]> patientRequest(long patientId) {
        return KafkaTestClient.record(TENANT + ":" + patientId, request("patient", String.valueOf(patientId)));
    }

    private static String request(String resource, String id) {
        return "{\"version\":1,\"tenant\":\"" + TENANT + "\",\"source\":\"nexhealth\",\"resource\":\"" + resource
                + "\",\"id\":\"" + id + "\"}";
    }

    /** Twenty records no retry can fix, one per way a request can be wrong. */
    private static List<ProducerRecord<String, byte[]>> poison() {
        String ok = "\"tenant\":\"" + TENANT + "\",\"source\":\"nexhealth\",\"resource\":\"patient\"";
        List<String> bodies = List.of(
                "not json at all",
                "{\"version\":1,",
                "[1,2,3]",
                "\"a string\"",
                "{}",
                "{\"version\":2," + ok + ",\"id\":\"200001\"}",
                "{\"version\":\"1\"," + ok + ",\"id\":\"200001\"}",
                "{\"version\":1.5," + ok + ",\"id\":\"200001\"}",
                "{\"version\":1,\"source\":\"nexhealth\",\"resource\":\"patient\",\"id\":\"200001\"}",
                "{\"version\":1,\"tenant\":\"other-clinic\",\"source\":\"nexhealth\",\"resource\":\"patient\",\"id\":\"1\"}",
                "{\"version\":1,\"tenant\":42,\"source\":\"nexhealth\",\"resource\":\"patient\",\"id\":\"200001\"}",
                "{\"version\":1,\"tenant\":\"" + TENANT + "\",\"resource\":\"patient\",\"id\":\"200001\"}",
                "{\"version\":1,\"tenant\":\"" + TENANT + "\",\"source\":\"athena\",\"resource\":\"patient\",\"id\":\"1\"}",
                "{\"version\":1,\"tenant\":\"" + TENANT + "\",\"source\":\"nexhealth\",\"id\":\"200001\"}",
                "{\"version\":1,\"tenant\":\"" + TENANT + "\",\"source\":\"nexhealth\",\"resource\":\"provider\",\"id\":\"1\"}",
                "{\"version\":1," + ok + "}",
                "{\"version\":1," + ok + ",\"id\":\"abc\"}",
                "{\"version\":1," + ok + ",\"id\":-5}",
                "{\"version\":1," + ok + ",\"id\":\"\"}",
                "");
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            records.add(KafkaTestClient.record(TENANT + ":poison-" + i, bodies.get(i)));
        }
        return records;
    }

    /** Poison spread through the valid requests at fixed pseudo-random places. */
    private static List<ProducerRecord<String, byte[]>> mixIn(List<ProducerRecord<String, byte[]>> valid,
            List<ProducerRecord<String, byte[]>> poison) {
        List<ProducerRecord<String, byte[]>> all = new ArrayList<>(valid);
        Collections.shuffle(all, new Random(6));
        Random places = new Random(7);
        for (ProducerRecord<String, byte[]> p : poison) {
            all.add(places.nextInt(all.size() + 1), p);
        }
        return all;
    }

    private int appointmentEvents() throws Exception {
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("select count(distinct appointment_id) from appointment_event");
                var rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /**
     * Names, emails, phones, birth dates and street addresses of every seeded patient and provider. (Zip codes are
     * left out: five digits turn up by chance inside UUIDs and timestamps.)
     */
    private Set<String> seedPersonalData() {
        Set<String> keys = Set.of("first_name", "middle_name", "last_name", "name", "display_name", "email",
                "phone_number", "date_of_birth", "address_line_1", "address_line_2", "street_address");
        Set<String> values = new HashSet<>();
        Function<Long, ObjectNode> patient = id -> sandbox.nexHealth().patient(id).orElseThrow();
        sandbox.nexHealth().patientIds().forEach(id -> collect(patient.apply(id), keys, values));
        sandbox.nexHealth().providerIds().forEach(id -> collect(sandbox.nexHealth().provider(id).orElseThrow(), keys,
                values));
        values.removeIf(v -> v.length() < 4);
        return values;
    }

    private static void collect(JsonNode node, Set<String> keys, Set<String> values) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isContainerNode()) {
                collect(field.getValue(), keys, values);
            } else if (keys.contains(field.getKey()) && field.getValue().isTextual()) {
                values.add(field.getValue().asText());
            }
        }
        if (node.isArray()) {
            node.forEach(child -> collect(child, keys, values));
        }
    }

    private static RecordKey patientKey(long patientId) {
        return new RecordKey(TENANT, SourceSystem.NEXHEALTH, ResourceType.PATIENT, String.valueOf(patientId));
    }
}
