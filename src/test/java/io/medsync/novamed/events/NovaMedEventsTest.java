package io.medsync.novamed.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.component.seda.SedaEndpoint;
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
import io.medsync.ledger.WebhookInboxRoutes;
import io.medsync.nextgen.NextGenTenantsProfile;
import io.medsync.pipeline.SyncJobRunner;
import io.medsync.sandbox.NovaMedSandbox;
import io.medsync.sandbox.NovaMedWebhooks;
import io.medsync.tenant.TenantRegistry;
import io.medsync.testing.ConsentBrowser;
import io.medsync.testing.StartsOnACleanSlate;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * NovaMed webhooks in, through the edges: the NovaMed sandbox emits them (with NovaMed's retries) for orders a real
 * NextGen sync created, the app receives, stores, processes and shows them in the ops API.
 */
@QuarkusTest
class NovaMedEventsTest extends StartsOnACleanSlate {

    static final String TENANT = NextGenTenantsProfile.R4_TENANT;
    static final String RECEIVER = "http://127.0.0.1:" + NextGenTenantsProfile.APP_PORT + "/webhooks/novamed";
    static final String SECRET = "sandbox-novamed-webhook-secret";
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    SyncJobRunner runner;

    @Inject
    Ledger ledger;

    @Inject
    TenantRegistry tenants;

    @Inject
    NovaMedWebhookRegistrar registrar;

    @Inject
    CamelContext camel;

    @Inject
    DeadLetterStore deadLetters;

    @Test
    void anOrderFromARealSyncIsFollowedThroughVerifiedFilledAndShippedInTheOpsApi() throws Exception {
        registrar.register(tenants.get(TENANT), RECEIVER);
        NovaMedSandbox.MedicationOrder order = syncOneOrder();
        LedgerEntry record = ledger.findByNovaMedId(ResourceType.MEDICATION_ORDER, order.id().toString())
                .orElseThrow();
        NovaMedSandbox novaMed = sandbox.novaMed();

        novaMed.advanceOrder(order.id(), "medication_order:verified");
        awaitStatus(order.id(), "verified");
        novaMed.advanceOrder(order.id(), "medication_order:filled");
        awaitStatus(order.id(), "filled");
        novaMed.ship(order.id());
        awaitStatus(order.id(), "shipped");

        ValidatableResponse view = ops().get("/ops/orders/" + order.id()).then().statusCode(200)
                .body("ledger_key", equalTo(record.key().toString()))
                .body("history.event", equalTo(List.of("medication_order:verified", "medication_order:filled",
                        "shipment:created")))
                .body("history.status", equalTo(List.of("verified", "filled", "shipped")))
                .body("shipment.provider", equalTo("Ameriship"))
                .body("shipment.shipping_label_received", equalTo(true));
        String trackingUrl = view.extract().path("shipment.tracking_url");
        String shipmentId = view.extract().path("shipment.shipment_id");
        assertThat(trackingUrl).isEqualTo("https://track.ameriship.example/" + shipmentId);
        assertThat((String) view.extract().path("rx_number")).isNotBlank();
        assertThat(novaMed.orderStatus(order.id())).isEqualTo("shipped");
        // The label URL is not kept; the tracking URL is stored sealed, never in clear.
        assertThat(column("tracking_url")).noneMatch(v -> v != null && v.contains("ameriship"));

        ops().queryParam("tenant", TENANT).queryParam("source", "nextgen")
                .queryParam("source_id", record.key().sourceId())
                .get("/ops/orders").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].novamed_id", equalTo(order.id().toString()))
                .body("[0].status", equalTo("shipped"));
        ops().get("/ops/orders").then().statusCode(400).body("error", equalTo("bad_request"));
        given().get("/ops/orders/" + order.id()).then().statusCode(401);
        ops().get("/ops/orders/" + UUID.randomUUID()).then().statusCode(404).body("error", equalTo("not_found"));
    }

    @Test
    void practitionerActivationIsLinkedToTheProviderRecordAndKeepsNoContactDetails() throws Exception {
        registrar.register(tenants.get(TENANT), RECEIVER);
        syncOneOrder();
        NovaMedSandbox.Created practitioner = sandbox.novaMed().practitioners().get(0);
        LedgerEntry provider = ledger.findByNovaMedId(ResourceType.PROVIDER, practitioner.id().toString())
                .orElseThrow();

        sandbox.novaMed().activatePractitioner(practitioner.id());

        await().atMost(WAIT).until(() -> column("status").contains("DONE"));
        assertThat(column("ledger_key")).containsExactly(provider.key().toString());
        String name = practitioner.request().path("last_name").asText();
        String email = practitioner.request().path("email").asText();
        assertThat(allStoredText()).isNotEmpty().noneMatch(v -> v.contains(name) || (!email.isBlank()
                && v.contains(email)));
    }

    @Test
    void theSameDeliveryTwiceIsStoredAndProcessedOnce() throws Exception {
        String body = orderEvent("medication_order:verified", UUID.randomUUID());
        double processedBefore = metric("medication_order:verified", "unlinked");
        double duplicatesBefore = metric("medication_order:verified", "duplicate");

        deliver(body, SECRET).statusCode(200).body("status", equalTo("accepted"));
        deliver(body, SECRET).statusCode(200).body("status", equalTo("duplicate"));

        await().atMost(WAIT).until(() -> column("status").equals(List.of("DONE")));
        assertThat(column("attempts")).containsExactly("1");
        assertThat(metric("medication_order:verified", "unlinked")).isEqualTo(processedBefore + 1);
        assertThat(metric("medication_order:verified", "duplicate")).isEqualTo(duplicatesBefore + 1);
    }

    @Test
    void aMissingOrWrongApiKeyIsRefusedAndNothingIsStored() throws Exception {
        String body = orderEvent("medication_order:verified", UUID.randomUUID());

        given().contentType("application/json").body(body).post("/webhooks/novamed").then().statusCode(401)
                .body("error", equalTo("unauthorized"));
        deliver(body, "not-the-secret").statusCode(401).body("error", equalTo("unauthorized"));
        deliver(body, "").statusCode(401);

        assertThat(column("id")).isEmpty();
    }

    @Test
    void malformedDeliveriesAreRefusedWithAPreciseError() throws Exception {
        deliver("{not json", SECRET).statusCode(400).body("message", equalTo("body is not JSON"));
        deliver("{\"event_data\":{\"id\":\"x\"}}", SECRET).statusCode(400)
                .body("message", equalTo("event_name is missing"));
        deliver("{\"event_name\":\"medication_order:filled\",\"event_data\":{}}", SECRET).statusCode(400)
                .body("message", equalTo("event_data.id is missing"));
        assertThat(column("id")).isEmpty();
    }

    @Test
    void anUnknownEventIsKeptAndCounted() throws Exception {
        double before = metric("other", "unknown_event");
        deliver("{\"event_name\":\"refill:approved\",\"event_data\":{\"id\":\"r-1\"}}", SECRET).statusCode(200);

        await().atMost(WAIT).until(() -> column("status").equals(List.of("UNKNOWN_EVENT")));
        assertThat(column("event_name")).containsExactly("refill:approved");
        assertThat(metric("other", "unknown_event")).isEqualTo(before + 1);
    }

    @Test
    void aDeliveryThatCouldNotBeStoredIsRetriedByNovaMedAndNothingIsLost() throws Exception {
        registrar.register(tenants.get(TENANT), RECEIVER);
        UUID practitioner = UUID.fromString(NovaMedSandbox.CLINIC_PRACTITIONER_ID);
        // The receiver's database is gone: it cannot store, so it must not acknowledge (503).
        execute("alter table novamed_event rename to novamed_event_away");
        try {
            sandbox.novaMed().activatePractitioner(practitioner);
            await().atMost(WAIT).until(() -> !sandbox.novaMed().webhooks().deliveries().isEmpty());
        } finally {
            execute("alter table novamed_event_away rename to novamed_event");
        }

        await().atMost(WAIT).until(() -> sandbox.novaMed().webhooks().deliveries().stream()
                .anyMatch(NovaMedWebhooks.Delivery::succeeded));
        List<NovaMedWebhooks.Delivery> attempts = sandbox.novaMed().webhooks().deliveries();
        assertThat(attempts.get(0).status()).isEqualTo(503);
        assertThat(attempts.get(attempts.size() - 1).attempt()).isGreaterThan(1);
        await().atMost(WAIT).until(() -> column("status").equals(List.of("DONE")));
        assertThat(column("event_key")).containsExactly(NovaMedSandbox.CLINIC_PRACTITIONER_ID);
    }

    /**
     * A crash between storing and processing loses the in-memory queue, not the stored event: with the processing
     * routes stopped and the queue emptied, the event waits in the inbox; the sweep that runs when the routes start
     * (as at every start-up) processes it, once. {@link NovaMedEventsCrashIT} does the same with a real SIGKILL of
     * the packaged app.
     */
    @Test
    void anEventStoredButNotProcessedBeforeACrashIsProcessedOnceAfterRestart() throws Exception {
        double before = metric("medication_order:submitted", "unlinked");
        camel.getRouteController().stopRoute("novamed-webhook-sweep");
        camel.getRouteController().stopRoute("novamed-webhook-events");
        try {
            deliver(orderEvent("medication_order:submitted", UUID.randomUUID()), SECRET).statusCode(200);
            camel.getEndpoint("seda:novamed-webhook-events", SedaEndpoint.class).getQueue().clear();
            assertThat(column("status")).containsExactly("PENDING");
        } finally {
            camel.getRouteController().startRoute("novamed-webhook-events");
            camel.getRouteController().startRoute("novamed-webhook-sweep");
        }

        await().atMost(WAIT).until(() -> column("status").equals(List.of("DONE")));
        assertThat(column("attempts")).containsExactly("1");
        assertThat(metric("medication_order:submitted", "unlinked")).isEqualTo(before + 1);
    }

    @Test
    void anEventWhoseProcessingFailsTwiceThenSucceedsIsProcessedOnce() throws Exception {
        double before = metric("medication_order:filled", "unlinked");
        // Processing an order event we hold no record for looks for an in-doubt order: that table is gone for now.
        execute("alter table novamed_order_party rename to novamed_order_party_away");
        try {
            deliver(orderEvent("medication_order:filled", UUID.randomUUID()), SECRET).statusCode(200);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> column("attempts").equals(List.of("2")));
        } finally {
            execute("alter table novamed_order_party_away rename to novamed_order_party");
        }

        await().atMost(WAIT).until(() -> column("status").equals(List.of("DONE")));
        assertThat(column("attempts")).containsExactly("3");
        assertThat(metric("medication_order:filled", "unlinked")).isEqualTo(before + 1);
        assertThat(deadLetters.list(new DeadLetterFilter(null, null, null, null, null, 10))).isEmpty();
    }

    @Test
    void anEventThatKeepsFailingEndsAsADeadLetterWithItsReason() throws Exception {
        UUID orderId = UUID.randomUUID();
        execute("alter table novamed_order_party rename to novamed_order_party_away");
        try {
            deliver(orderEvent("medication_order:filled", orderId), SECRET).statusCode(200);
            await().atMost(WAIT).until(() -> column("status").equals(List.of("FAILED")));
        } finally {
            execute("alter table novamed_order_party_away rename to novamed_order_party");
        }

        assertThat(column("attempts")).containsExactly("3");
        assertThat(column("last_error")).singleElement().asString().startsWith("LedgerException");
        List<DeadLetter> letters = deadLetters.list(new DeadLetterFilter(null, WebhookInboxRoutes.STAGE, null, null,
                null, 10));
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.key()).isEqualTo(new RecordKey("unknown", SourceSystem.NOVAMED,
                    ResourceType.MEDICATION_ORDER, orderId.toString()));
            assertThat(letter.attempts()).isEqualTo(3);
            assertThat(letter.reason()).startsWith("novamed webhook event ").contains("LedgerException");
        });
    }

    @Test
    void anOrderEventMatchingAnInDoubtOrderIsSuggestedAsItsResolution() throws Exception {
        registrar.register(tenants.get(TENANT), RECEIVER);
        sandbox.novaMed().faults().loseAnswer(NovaMedSandbox.MEDICATION_ORDER_PATH, 1);
        ConsentBrowser.enrol(NextGenTenantsProfile.APP_PORT, TENANT, sandbox.nextGen().cleanPatientId());
        runner.runScheduled(TENANT, "nextgen");
        LedgerEntry inDoubt = ledger.inState(RecordState.IN_DOUBT, TENANT, 10).get(0);
        // NovaMed did create it: the answer was lost on the way back.
        NovaMedSandbox.MedicationOrder order = sandbox.novaMed().medicationOrders().get(0);

        sandbox.novaMed().advanceOrder(order.id(), "medication_order:verified");

        await().atMost(WAIT).until(() -> column("status").contains("DONE"));
        ops().get("/ops/in-doubt").then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].id", equalTo((int) inDoubt.id()))
                .body("[0].suggested_novamed_id", equalTo(order.id().toString()))
                .body("[0].suggestion.event", equalTo("medication_order:verified"));
        ops().contentType("application/json").body("{\"novamed_id\":\"" + order.id() + "\"}")
                .post("/ops/in-doubt/" + inDoubt.id() + "/delivered").then().statusCode(200)
                .body("state", equalTo("delivered"));
        // Resolved, the order's history belongs to the record, though its event came before the NovaMed id did.
        ops().queryParam("tenant", TENANT).queryParam("source", "nextgen")
                .queryParam("source_id", inDoubt.key().sourceId())
                .get("/ops/orders").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].novamed_id", equalTo(order.id().toString()))
                .body("[0].ledger_key", equalTo(inDoubt.key().toString()))
                .body("[0].status", equalTo("verified"));
    }

    @Test
    void theWebhookIsRegisteredOncePerClinicAndCanBeUnregistered() {
        registrar.register(tenants.get(TENANT), RECEIVER);
        registrar.register(tenants.get(TENANT), RECEIVER);
        registrar.register(tenants.get(NextGenTenantsProfile.DSTU2_TENANT), RECEIVER);
        List<NovaMedWebhooks.Registration> registered = sandbox.novaMed().webhooks().registrations();
        assertThat(registered).hasSize(1);
        ops().queryParam("tenant", TENANT).get("/ops/novamed/webhook").then().statusCode(200)
                .body("webhook_id", equalTo(registered.get(0).id().toString()));

        ops().queryParam("tenant", TENANT).delete("/ops/novamed/webhook").then().statusCode(200)
                .body("status", equalTo("unregistered"));
        assertThat(sandbox.novaMed().webhooks().registrations()).hasSize(1); // still the DSTU2 tenant's
        ops().queryParam("tenant", NextGenTenantsProfile.DSTU2_TENANT).delete("/ops/novamed/webhook").then()
                .statusCode(200);
        assertThat(sandbox.novaMed().webhooks().registrations()).isEmpty();
        ops().queryParam("tenant", TENANT).delete("/ops/novamed/webhook").then().statusCode(404)
                .body("error", equalTo("not_registered"));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** Consents one clean patient and syncs: NovaMed then holds their orders; returns the first. */
    private NovaMedSandbox.MedicationOrder syncOneOrder() throws Exception {
        ConsentBrowser.enrol(NextGenTenantsProfile.APP_PORT, TENANT, sandbox.nextGen().cleanPatientId());
        runner.runScheduled(TENANT, "nextgen");
        assertThat(sandbox.novaMed().medicationOrders()).isNotEmpty();
        return sandbox.novaMed().medicationOrders().get(0);
    }

    private void awaitStatus(UUID orderId, String status) {
        await().atMost(WAIT).until(() -> status.equals(ops().get("/ops/orders/" + orderId).then().extract()
                .path("status")));
    }

    private static String orderEvent(String name, UUID orderId) {
        return "{\"event_name\":\"" + name + "\",\"event_data\":{\"id\":\"" + orderId + "\",\"clinic_id\":\""
                + UUID.randomUUID() + "\",\"patient_id\":\"" + UUID.randomUUID() + "\",\"practitioner_id\":\""
                + UUID.randomUUID() + "\"}}";
    }

    private static ValidatableResponse deliver(String body, String apiKey) {
        return given().header("x-api-key", apiKey).contentType("application/json").body(body)
                .post("/webhooks/novamed").then();
    }

    private static RequestSpecification ops() {
        return given().auth().oauth2("sandbox-ops-token");
    }

    private static double metric(String event, String outcome) {
        String line = "medsync_novamed_events_total{event=\"" + event + "\",outcome=\"" + outcome + "\"}";
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(l -> l.startsWith(line)).mapToDouble(l -> Double.parseDouble(l.substring(line.length())
                        .trim())).sum();
    }

    private List<String> column(String name) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select " + name + " from novamed_event order by id");
                ResultSet rs = ps.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    /** Every non-null value of every stored event, as text. */
    private List<String> allStoredText() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select * from novamed_event")) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    if (rs.getString(i) != null) {
                        values.add(rs.getString(i));
                    }
                }
            }
            return values;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
