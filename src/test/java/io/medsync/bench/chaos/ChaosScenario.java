package io.medsync.bench.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.medsync.testing.PackagedApp;

/**
 * The chaos run (issue 17, item 9). First a fault-free reference run on the same seed says which records NovaMed
 * accepts and which it refuses. Then the packaged application runs against a NovaMed that fails a fifth of its
 * calls, loses or delays answers and answers 429 in windows, with its ledger on PostgreSQL and its events on Kafka;
 * it is SIGKILLed and restarted, the database and the broker are restarted, and NovaMed goes away for a while, all
 * mid-run; the application is restarted whenever it exits until every record is settled. The verdict compares the
 * ledger, NovaMed's own records and the outcome topic with the reference run.
 */
public final class ChaosScenario {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RUNS = 60;
    private static final double DELIVERABLE_SHARE = 0.85;
    /** The application's request timeout in the chaos run; NovaMed's slow answers come {@link ChaosPlan}'s delay later. */
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final ChaosPlan plan;
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final List<String> violations = new ArrayList<>();
    private final List<String> timeline = new ArrayList<>();
    private long t0;

    private ChaosScenario(ChaosPlan plan) {
        this.plan = plan;
    }

    /** Figures of the run and the broken promises ({@code violations}, empty when the run passed). */
    public record Result(Map<String, Object> figures, List<String> violations) {
    }

    public static Result run(ChaosPlan plan) throws Exception {
        return new ChaosScenario(plan).runAll();
    }

    private Result runAll() throws Exception {
        deleteTree(plan.outDir());
        Files.createDirectories(plan.outDir());
        figures.put("patients", plan.patients());
        figures.put("providers", plan.providers());
        figures.put("loadavg_at_start", loadAverage());
        t0 = System.nanoTime();
        // The reference run needs its own sandbox and ledger only: it runs beside the chaos run.
        java.util.concurrent.CompletableFuture<Reference> referenceRun = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> {
                    try {
                        return referenceRun();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        try (Backends.Postgres postgres = new Backends.Postgres(plan.outDir().resolve("pgdata"), ChaosSandbox.freePort());
                Backends.Kafka kafka = new Backends.Kafka();
                ChaosSandbox sandbox = ChaosSandbox.start(plan.providers(), plan.patients(), plan.sandboxChaos(),
                        plan.outDir().resolve("chaos-sandbox.log"))) {
            note("backends and sandbox up");
            Map<String, String> app = appConfig(sandbox, plan.outDir().resolve("chaos"));
            // An answer slower than this is a timeout: the sandbox's delayed answers come after it.
            app.put("medsync.http.request-timeout", TIMEOUT.toString());
            app.putAll(postgres.appSettings());
            app.put("medsync.kafka.bootstrap-servers", kafka.bootstrap());
            LedgerSnapshot end = disturbedRuns(app, sandbox, postgres, kafka);
            figures.put("elapsed_s", (System.nanoTime() - t0) / 1_000_000_000);
            Reference reference = referenceRun.get();
            figures.put("reference", Map.of("delivered", reference.ledger().delivered().size(),
                    "dead_letters", reference.ledger().deadLetters().size(), "states", reference.ledger().states(),
                    "novamed_records", reference.novamedRecords()));
            judge(reference, end, sandbox.verdict(), deliveredOutcomes(kafka));
        }
        figures.put("timeline", timeline);
        figures.put("loadavg_at_end", loadAverage());
        figures.put("violations", violations);
        return new Result(figures, violations);
    }

    // ---- the runs -----------------------------------------------------------------------------------------------

    /** What the fault-free run ended with: its ledger and how many records NovaMed holds after it. */
    private record Reference(LedgerSnapshot ledger, long novamedRecords) {

        /** NovaMed records minus ledger deliveries: below 0 where source records share one NovaMed record. */
        long recordsMinusDeliveries() {
            return novamedRecords - ledger.delivered().size();
        }
    }

    private Reference referenceRun() throws Exception {
        Path dir = plan.outDir().resolve("reference");
        Files.createDirectories(dir);
        try (ChaosSandbox sandbox = ChaosSandbox.start(plan.providers(), plan.patients(),
                Map.of("chaos.server-errors", "0", "chaos.lost-answers", "0", "chaos.timeouts", "0", "chaos.rate-window-every", "PT0S"),
                dir.resolve("sandbox.log"))) {
            Map<String, String> config = appConfig(sandbox, dir);
            String url = "jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
            config.put("quarkus.datasource.jdbc.url", url);
            long start = System.nanoTime();
            int exit = PackagedApp.start(config, dir.resolve("app.log")).waitForExitWithin(plan.runTimeout().toSeconds());
            figures.put("reference_elapsed_s", (System.nanoTime() - start) / 1_000_000_000);
            if (exit != 0) {
                throw new IllegalStateException("the reference run exited with " + exit + ", see " + dir);
            }
            return new Reference(LedgerSnapshot.read(url, "medsync", "medsync", false),
                    sandbox.verdict().path("novamed_ids").size());
        }
    }

    /**
     * Runs the application again and again (once mode: one cycle, then exit) until every record is settled, firing
     * the plan's disturbances as NovaMed's patient count passes their thresholds.
     */
    private LedgerSnapshot disturbedRuns(Map<String, String> app, ChaosSandbox sandbox, Backends.Postgres postgres,
            Backends.Kafka kafka) throws Exception {
        // The seed's share of patients NovaMed accepts (about 0.9): the disturbances fire at shares of it.
        long deliverablePatients = Math.round(plan.patients() * DELIVERABLE_SHARE);
        Deque<ChaosPlan.Event> events = new ArrayDeque<>(plan.events());
        long deadline = System.nanoTime() + plan.runTimeout().toNanos();
        int runs = 0;
        int kills = 0;
        long outageEnds = 0;
        boolean outageHalf = false;
        Map<Integer, Integer> exits = new HashMap<>();
        PackagedApp current = null;
        while (true) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the chaos run did not settle within " + plan.runTimeout());
            }
            if (current == null || !current.alive()) {
                if (current != null) {
                    int exit = current.waitForExitWithin(10);
                    exits.merge(exit, 1, Integer::sum);
                    LedgerSnapshot now = LedgerSnapshot.read(postgres.jdbcUrl(), "postgres", "postgres", false);
                    note("run " + runs + " exited with " + exit + "; ledger " + now.states());
                    if (outageEnds == 0 && settled(now)) {
                        // Disturbances whose threshold the run never reached did not happen: the run proves less.
                        events.forEach(e -> violations.add(e.what() + " never fired: the run settled before NovaMed held "
                                + Math.round(e.share() * 100) + " % of the deliverable patients"));
                        break;
                    }
                }
                if (++runs > MAX_RUNS) {
                    throw new IllegalStateException("still not settled after " + MAX_RUNS + " runs");
                }
                app.put("medsync.run.summary-file", plan.outDir().resolve("chaos/summary-" + runs + ".json").toString());
                current = PackagedApp.start(app, plan.outDir().resolve("chaos/app.log"));
            }
            if (outageEnds != 0) {
                if (!outageHalf && System.nanoTime() > outageEnds - plan.outage().toNanos() / 2) {
                    sandbox.outage("unavailable");
                    outageHalf = true;
                    note("NovaMed outage: connections accepted again, every call answered 503");
                }
                if (System.nanoTime() > outageEnds) {
                    sandbox.restore();
                    outageEnds = 0;
                    note("NovaMed outage over");
                }
            } else if (!events.isEmpty()
                    && sandbox.patientsCreated() >= events.peek().share() * deliverablePatients) {
                ChaosPlan.Event e = events.poll();
                switch (e.what()) {
                    case "kill" -> {
                        current.kill();
                        kills++;
                        note("SIGKILL " + kills + " of the application at " + sandbox.patientsCreated() + " patients");
                        continue;
                    }
                    case "restart-database" -> {
                        note("PostgreSQL restart begins");
                        postgres.restart();
                        note("PostgreSQL restarted");
                    }
                    case "restart-broker" -> {
                        note("Kafka broker restart begins");
                        kafka.restart();
                        note("Kafka broker restarted");
                    }
                    case "outage" -> {
                        sandbox.outage("refused");
                        outageEnds = System.nanoTime() + plan.outage().toNanos();
                        note("NovaMed outage for " + plan.outage() + ": connections refused");
                    }
                    default -> throw new IllegalStateException(e.what());
                }
            }
            // Wait for the next thing to do: the application exits, the outage moves on, or NovaMed's progress
            // reaches the next disturbance.
            PackagedApp running = current;
            long outageStep = outageEnds == 0 ? 0 : outageHalf ? outageEnds : outageEnds - plan.outage().toNanos() / 2;
            Awaitility.await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(250))
                    .until(() -> !running.alive() || (outageStep != 0 && System.nanoTime() > outageStep)
                            || (outageStep == 0 && !events.isEmpty()
                                    && sandbox.patientsCreated() >= events.peek().share() * deliverablePatients));
        }
        figures.put("runs", runs);
        figures.put("kills", kills);
        figures.put("exit_codes", exits);
        figures.put("database_restarts", plan.restartDatabase() ? 1 : 0);
        figures.put("broker_restarts", plan.restartBroker() ? 1 : 0);
        figures.put("outage_s", plan.outage().toSeconds());
        return LedgerSnapshot.read(postgres.jdbcUrl(), "postgres", "postgres", true);
    }

    /** Nothing waiting or in flight, and every NexHealth patient is in the ledger. */
    private boolean settled(LedgerSnapshot now) {
        return now.unsettled() == 0 && now.rows("patient") >= plan.patients();
    }

    // ---- the verdict --------------------------------------------------------------------------------------------

    private void judge(Reference referenceRun, LedgerSnapshot end, JsonNode nova, Set<String> outcomeEvents) {
        LedgerSnapshot reference = referenceRun.ledger();
        figures.put("ledger_states", end.states());
        Set<String> lost = new HashSet<>(reference.delivered());
        lost.removeAll(end.delivered());
        Set<String> waitingForOperator = new HashSet<>(lost);
        waitingForOperator.retainAll(end.parkedBehindUnknownId());
        lost.removeAll(waitingForOperator);
        Set<String> novamedIds = new HashSet<>();
        nova.path("novamed_ids").forEach(id -> novamedIds.add(id.asText().toLowerCase()));
        long deliveredNotInNovaMed = end.novamedIds().stream().filter(id -> !novamedIds.contains(id)).count();
        long deliveredWithoutId = end.delivered().size() - end.novamedIds().size();
        long ledgerIdsShared = end.novamedIds().size() - new HashSet<>(end.novamedIds()).size();
        long novamedDuplicates = nova.path("patient_duplicates").asLong() + nova.path("practitioner_duplicates").asLong();
        // Every NovaMed record is a delivery in the ledger (with its id, or without after a lost answer); source records
        // sharing one NPI or patient identity share one NovaMed record ("already exists", linked), so the difference
        // is the reference run's, and anything above it is a record created twice.
        long novamedNotInLedger = novamedIds.size() - end.delivered().size() - referenceRun.recordsMinusDeliveries();
        long inDoubt = end.count("in_doubt");
        Set<String> extraDeadLetters = new HashSet<>(end.deadLettered());
        extraDeadLetters.removeAll(reference.deadLettered());
        long notRefusals = end.deadLetters().stream().filter(d -> !d.isRefusal()).count();
        Set<String> failedWithoutDeadLetter = new HashSet<>(end.failed());
        failedWithoutDeadLetter.removeAll(end.deadLettered());
        Set<String> missingEvents = new HashSet<>();
        for (String record : end.delivered()) {
            String eventKey = "demo-clinic/nexhealth/" + record;
            if (!outcomeEvents.contains(eventKey) && !end.unpublishedDeliveredEvents().contains(eventKey)) {
                missingEvents.add(record);
            }
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("novamed_records", novamedIds.size());
        v.put("lost", lost.size());
        v.put("lost_sample", lost.stream().sorted().limit(10).toList());
        v.put("waiting_for_operator_behind_practitioner_with_unknown_id", waitingForOperator.size());
        v.put("delivered_in_ledger_not_in_novamed", deliveredNotInNovaMed);
        v.put("delivered_without_novamed_id", deliveredWithoutId);
        v.put("duplicates_in_novamed", novamedDuplicates);
        v.put("novamed_records_minus_deliveries_in_reference", referenceRun.recordsMinusDeliveries());
        v.put("novamed_records_not_in_ledger", novamedNotInLedger);
        v.put("ledger_rows_sharing_a_novamed_id", ledgerIdsShared);
        v.put("resends_answered_already_exists", nova.path("resends_answered_already_exists").asLong());
        v.put("in_doubt", inDoubt);
        v.put("dead_letters", end.deadLetters().size());
        v.put("dead_letters_reference", reference.deadLetters().size());
        v.put("dead_letters_not_in_reference", extraDeadLetters.size());
        v.put("dead_letters_not_refusals", notRefusals);
        v.put("failed_records_without_open_dead_letter", failedWithoutDeadLetter.size());
        v.put("novamed_refused_patients", nova.path("refused_patients").asLong());
        v.put("novamed_refused_practitioners", nova.path("refused_practitioners").asLong());
        v.put("novamed_posts_by_status", JSON.convertValue(nova.path("novamed_posts_by_status"), Map.class));
        v.put("outcome_events_missing", missingEvents.size());
        v.put("outbox_unpublished_at_end", end.unpublishedEvents());
        figures.put("verdict", v);

        check(lost.isEmpty(), lost.size() + " records delivered by the reference run are not delivered: " + v.get("lost_sample"));
        check(deliveredNotInNovaMed == 0, deliveredNotInNovaMed + " ledger deliveries name a NovaMed id NovaMed does not hold");
        check(novamedDuplicates == 0, novamedDuplicates + " duplicates in NovaMed");
        check(novamedNotInLedger == 0, novamedNotInLedger + " NovaMed records the ledger does not know (created twice)");
        check(ledgerIdsShared == 0, ledgerIdsShared + " ledger rows share a NovaMed id");
        check(inDoubt <= plan.kills(), inDoubt + " in doubt, more than the " + plan.kills() + " kills");
        check(extraDeadLetters.isEmpty(), extraDeadLetters.size() + " dead letters the reference run did not have: "
                + extraDeadLetters.stream().sorted().limit(10).toList());
        check(failedWithoutDeadLetter.isEmpty(), failedWithoutDeadLetter.size() + " failed records have no open dead"
                + " letter (nothing to replay them from): " + failedWithoutDeadLetter.stream().sorted().limit(10).toList());
        check(notRefusals == 0, notRefusals + " dead letters are not NovaMed refusals (outage, 5xx or 429)");
        check(missingEvents.isEmpty(), missingEvents.size() + " delivered records have no outcome event");
    }

    private void check(boolean ok, String violation) {
        if (!ok) {
            violations.add(violation);
        }
    }

    /** Keys of every {@code delivered} event on the outcome topic, read from its beginning. */
    private static Set<String> deliveredOutcomes(Backends.Kafka kafka) {
        var props = kafka.clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "chaos-verdict");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Set<String> keys = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of("medsync.outcomes"));
            int emptyPolls = 0;
            while (emptyPolls < 3) {
                var records = consumer.poll(Duration.ofSeconds(2));
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
                for (ConsumerRecord<String, String> r : records) {
                    if (r.value() != null && r.value().contains("\"state\":\"delivered\"")) {
                        keys.add(r.key());
                    }
                }
            }
        }
        return keys;
    }

    private Map<String, String> appConfig(ChaosSandbox sandbox, Path dir) throws Exception {
        Files.createDirectories(dir);
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.profile", "demo");
        config.put("medsync.sandbox.enabled", "false");
        config.put("medsync.tenants.demo-nextgen.enabled", "false");
        config.put("medsync.nexhealth.base-url", sandbox.nexBase);
        config.put("medsync.novamed.base-url", sandbox.novaBase);
        config.put("medsync.nexhealth.per-page", "100");
        // NovaMed's own 429 windows are the limit here, not medsync's token bucket.
        config.put("medsync.novamed.rate-limit.requests-per-minute", "0");
        // The faults make a delivery mostly waiting (backoff after 5xx, 3 s timeouts, a 429's retry_after), not CPU:
        // with the default 4 threads those waits bound the run (~0.25 s a record, ~12 records/s, about 15 min of
        // waiting at 10,000). More threads overlap them; a thread holds a ledger connection only per statement, so the
        // pool (16) is not the limit. Each thread is one more record in flight at a kill: resent, as patients are.
        config.put("medsync.pipeline.delivery-threads", System.getProperty("chaos.delivery-threads", "16"));
        config.put("medsync.run.summary-file", dir.resolve("summary.json").toString());
        config.put("quarkus.log.console.level", "INFO");
        config.put("quarkus.log.category.\"io.medsync\".level", "WARN");
        return config;
    }

    private void note(String what) {
        String line = String.format("+%4ds %s", t0 == 0 ? 0 : (System.nanoTime() - t0) / 1_000_000_000, what);
        timeline.add(line);
        System.out.println("[chaos] " + line);
        System.out.flush();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
