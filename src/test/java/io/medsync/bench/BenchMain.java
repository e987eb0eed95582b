package io.medsync.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.medsync.testing.PackagedApp;

/**
 * The benchmark harness (run by {@code bench/run}): starts the sandboxes in their own JVM, runs the packaged
 * application and the raw-HTTP baseline against them, and writes {@code target/bench/report.{md,json}}.
 * Every number in the report is measured in this run; nothing is hard-coded.
 */
public final class BenchMain {

    private final BenchConfig cfg;
    private final Path out;
    private final Map<String, Object> report = new LinkedHashMap<>();
    static final String RATE_PROPERTY = "medsync.novamed.rate-limit.requests-per-minute";
    private boolean appHasRateLimit;
    private final StringBuilder md = new StringBuilder();

    private BenchMain(BenchConfig cfg) {
        this.cfg = cfg;
        this.out = Path.of(cfg.outDir).toAbsolutePath();
    }

    public static void main(String[] args) throws Exception {
        if (io.medsync.bench.chaos.ChaosMain.requested(args)) {
            // The chaos run (issue 17) has its own plan and report; it runs alone.
            System.exit(io.medsync.bench.chaos.ChaosMain.run(args));
        }
        BenchConfig cfg = BenchConfig.parse(args);
        BenchMain bench = new BenchMain(cfg);
        int status = bench.runAll();
        System.exit(status);
    }

    @SuppressWarnings("unchecked")
    private int runAll() throws Exception {
        if (!Files.exists(Path.of(cfg.appJar))) {
            throw new IllegalStateException(cfg.appJar + " is missing: build the application first (bench/run does)");
        }
        Files.createDirectories(out);
        appHasRateLimit = switch (cfg.appRateLimitProperty) {
            case "true" -> true;
            case "false" -> false;
            default -> appKnowsRateLimit();
        };
        report.put("app_has_novamed_rate_limit", appHasRateLimit);
        log("medsync build knows " + RATE_PROPERTY + ": " + appHasRateLimit);
        long t0 = System.nanoTime();
        report.put("machine", machine());
        report.put("settings", cfg.asMap());
        Map<String, Object> scenarios = new LinkedHashMap<>();
        report.put("scenarios", scenarios);
        int failures = 0;
        List<Object[]> plan = List.of(
                new Object[] {1, "throughput"}, new Object[] {2, "budget"}, new Object[] {4, "memory"},
                new Object[] {5, "startup"}, new Object[] {6, "growth"}, new Object[] {7, "tenants"});
        for (Object[] step : plan) {
            int n = (int) step[0];
            if (!cfg.runs(n) && !(n == 1 && cfg.runs(3))) {
                continue;
            }
            long s0 = System.nanoTime();
            log("=== scenario " + n + " (" + step[1] + ")");
            try {
                switch (n) {
                    case 1 -> throughputAndResync(scenarios);
                    case 2 -> scenarios.put("2_budget", budget());
                    case 4 -> scenarios.put("4_memory", memory());
                    case 5 -> scenarios.put("5_startup", startup());
                    case 6 -> scenarios.put("6_growth", growth());
                    case 7 -> scenarios.put("7_tenants", manyTenants());
                    default -> throw new IllegalStateException();
                }
            } catch (Exception e) {
                failures++;
                e.printStackTrace();
                scenarios.put(n + "_" + step[1], Map.of("error", e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
            log("=== scenario " + n + " took " + (System.nanoTime() - s0) / 1_000_000_000 + " s");
        }
        if (postgres != null) {
            postgres.close();
        }
        report.put("harness_wall_s", (System.nanoTime() - t0) / 1_000_000_000);
        ((Map<String, Object>) report.get("machine")).put("loadavg_at_end", loadAverageLine());
        writeReport();
        return failures == 0 ? 0 : 1;
    }

    // ---- scenario 1 + 3 -------------------------------------------------------------------------------------------

    /**
     * Scenario 1 on every ledger of {@code --ledgers} and the baseline, in an order that rotates with each
     * repetition (so drift spreads over all sides); scenario 3 on the ledger and sandbox of each ledger's last run.
     * The report keys are {@code 1_throughput} / {@code 3_resync} for the first ledger and {@code ..._<ledger>} for
     * the others.
     */
    private void throughputAndResync(Map<String, Object> scenarios) throws Exception {
        int n = cfg.throughputPatients;
        List<String> sides = new ArrayList<>(cfg.ledgers);
        sides.add("baseline");
        Map<String, List<Map<String, Object>>> runs = new LinkedHashMap<>();
        Map<String, Map<String, Object>> resyncs = new LinkedHashMap<>();
        sides.forEach(side -> runs.put(side, new ArrayList<>()));
        cfg.ledgers.forEach(ledger -> resyncs.put(ledger, new LinkedHashMap<>()));
        for (int rep = 1; rep <= cfg.repetitions; rep++) {
            boolean last = rep == cfg.repetitions;
            for (int i = 0; i < sides.size(); i++) {
                String side = sides.get((i + rep - 1) % sides.size());
                Map<String, Object> r;
                if (side.equals("baseline")) {
                    r = baselineOnFreshSandbox("s1-rep" + rep, n);
                } else {
                    Map<String, Object> resync = resyncs.get(side);
                    List<String> jvm = cfg.jfr ? List.of("-XX:StartFlightRecording=filename="
                            + out.resolve("runs/s1-rep" + rep + "-" + side + "-medsync/app.jfr") + ",settings=profile")
                            : List.of();
                    // Re-sync (scenario 3) runs on the ledger and sandbox of the last medsync repetition.
                    r = medsyncOnFreshSandbox("s1-rep" + rep + "-" + side, n, 0, Map.of(), jvm, side,
                            last && cfg.runs(3) ? ctx -> resync.putAll(resync(ctx, side)) : null);
                }
                r.put("repetition", rep);
                runs.get(side).add(r);
            }
        }
        List<Map<String, Object>> baselineRuns = runs.get("baseline");
        Map<String, Object> b = stats(baselineRuns, "records_per_s_elapsed");
        Map<String, Object> bw = stats(baselineRuns, "records_per_s_wall");
        for (String ledger : cfg.ledgers) {
            String suffix = ledger.equals(cfg.ledgers.get(0)) ? "" : "_" + ledger;
            List<Map<String, Object>> medsyncRuns = runs.get(ledger);
            Map<String, Object> s1 = new LinkedHashMap<>();
            s1.put("ledger", ledger);
            s1.put("patients", n);
            s1.put("providers", cfg.providers);
            s1.put("medsync_runs", medsyncRuns);
            s1.put("baseline_runs", baselineRuns);
            Map<String, Object> m = stats(medsyncRuns, "records_per_s_elapsed");
            Map<String, Object> mw = stats(medsyncRuns, "records_per_s_wall");
            s1.put("medsync_records_per_s_elapsed", m);
            s1.put("medsync_records_per_s_wall", mw);
            s1.put("baseline_records_per_s_elapsed", b);
            s1.put("baseline_records_per_s_wall", bw);
            s1.put("medsync_cpu_ms_per_record", stats(medsyncRuns, "cpu_ms_per_record"));
            s1.put("baseline_cpu_ms_per_record", stats(baselineRuns, "cpu_ms_per_record"));
            s1.put("ratio_median_elapsed", round3((double) m.get("median") / (double) b.get("median")));
            s1.put("ratio_median_wall", round3((double) mw.get("median") / (double) bw.get("median")));
            if (cfg.jfr) {
                s1.put("jfr_top_frames", JfrProfile.topFrames(medsyncRuns.stream()
                        .map(r -> out.resolve("runs/s1-rep" + r.get("repetition") + "-" + ledger + "-medsync/app.jfr"))
                        .toList(), 10));
            }
            scenarios.put("1_throughput" + suffix, s1);
            if (cfg.runs(3)) {
                scenarios.put("3_resync" + suffix, resyncs.get(ledger));
            }
        }
    }

    /** Context handed to a hook that runs after a medsync run, while its sandbox is still up. */
    record RunContext(Procs.Sandbox sandbox, Path dir, Map<String, Object> firstRun) {
    }

    private Map<String, Object> resync(RunContext ctx, String ledger) {
        try {
            JsonNode before = ctx.sandbox().stats();
            Path recording = ctx.dir().resolve("resync.jfr");
            Map<String, Object> r = runApp(ctx.sandbox(), ctx.dir(), "resync",
                    Map.of("medsync.run.full-resync", "true"), cfg.jfr
                            ? List.of("-XX:StartFlightRecording=filename=" + recording + ",settings=profile")
                            : List.of(), ledger);
            JsonNode after = ctx.sandbox().stats();
            Map<String, Object> s3 = new LinkedHashMap<>();
            s3.put("ledger", ledger);
            s3.put("patients", cfg.throughputPatients);
            s3.put("run", r);
            long novaCalls = Procs.count(after.get("novamed"), "", 0) - Procs.count(before.get("novamed"), "", 0);
            s3.put("novamed_calls", novaCalls);
            Map<String, Long> nex = new TreeMap<>();
            for (String path : List.of("/authenticates", "/providers", "/patients")) {
                nex.put(path, Procs.count(after.get("nexhealth"), path, 0) - Procs.count(before.get("nexhealth"), path, 0));
            }
            s3.put("nexhealth_requests", nex);
            s3.put("first_run_wall_ms", ctx.firstRun().get("wall_ms"));
            s3.put("first_run_elapsed_ms", ctx.firstRun().get("elapsed_ms"));
            s3.put("share_of_first_run_wall", round3(((Number) r.get("wall_ms")).doubleValue()
                    / ((Number) ctx.firstRun().get("wall_ms")).doubleValue()));
            s3.put("share_of_first_run_elapsed", round3(((Number) r.get("elapsed_ms")).doubleValue()
                    / ((Number) ctx.firstRun().get("elapsed_ms")).doubleValue()));
            if (cfg.jfr) {
                s3.put("jfr_top_frames", JfrProfile.topFrames(List.of(recording), 10));
            }
            if (!ledger.equals("mem")) {
                s3.put("in_service", resyncInService(ctx, ledger));
            }
            return s3;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String OPS_TOKEN = "bench-ops-token";
    private static final int SERVICE_RESYNCS = 3;

    /**
     * The same full re-sync on a running service ({@code POST /ops/tenants/demo-clinic/sync?full=true}),
     * {@value #SERVICE_RESYNCS} times one after the other in one JVM: the first pays the JIT's warm-up as the
     * once-mode run does; the later ones show what the re-sync itself costs once the code is compiled. Each one's
     * time is its run's {@code finishedAt − startedAt} in the run history.
     */
    private Map<String, Object> resyncInService(RunContext ctx, String ledger) throws Exception {
        Path dir = ctx.dir();
        Map<String, String> props = appProps(ctx.sandbox().nexBase(), ctx.sandbox().novaBase(), dir);
        props.putAll(ledgerProps(ledger, dir));
        props.put("medsync.run.mode", "service");
        props.put("medsync.schedules.enabled", "false");
        props.put("medsync.ops.token", OPS_TOKEN);
        int port = Procs.freePort();
        int managementPort = Procs.freePort();
        props.put("quarkus.http.port", String.valueOf(port));
        props.put("quarkus.management.port", String.valueOf(managementPort));
        Path recording = dir.resolve("resync-service.jfr");
        Process p = Procs.start(appCommand(props, cfg.jfr
                ? List.of("-XX:StartFlightRecording=filename=" + recording + ",settings=profile") : List.of()),
                dir.resolve("resync-service.log"));
        try {
            awaitReady(p, managementPort, dir);
            String base = "http://127.0.0.1:" + port + "/ops/tenants/demo-clinic";
            List<Map<String, Object>> runs = new ArrayList<>();
            // The once-mode runs before are in the history too: only a run newer than these counts.
            java.util.Set<String> seen = new java.util.HashSet<>();
            JsonNode earlier = newestRun(base);
            if (earlier != null) {
                seen.add(earlier.path("runId").asText());
            }
            for (int i = 1; i <= SERVICE_RESYNCS; i++) {
                JsonNode before = ctx.sandbox().stats();
                double answersBefore = nexHealthAnswerSeconds(managementPort);
                var started = Procs.HTTP.send(opsRequest(base + "/sync?source=nexhealth&full=true")
                        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                if (started.statusCode() != 202) {
                    throw new IllegalStateException("sync now answered " + started.statusCode() + ", see " + dir);
                }
                JsonNode[] run = new JsonNode[1];
                Procs.await("the service's full re-sync " + i, Duration.ofMinutes(cfg.runTimeoutMinutes), 100, () -> {
                    JsonNode newest = newestRun(base);
                    if (newest != null && !seen.contains(newest.path("runId").asText())) {
                        run[0] = newest;
                        return true;
                    }
                    return false;
                });
                seen.add(run[0].path("runId").asText());
                JsonNode after = ctx.sandbox().stats();
                long ms = Duration.between(Instant.parse(run[0].path("startedAt").asText()),
                        Instant.parse(run[0].path("finishedAt").asText())).toMillis();
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("resync", i);
                r.put("elapsed_ms", ms);
                r.put("pulled", run[0].path("counts").path("pulled").asLong());
                r.put("unchanged", run[0].path("counts").path("unchanged").asLong());
                r.put("novamed_calls", Procs.count(after.get("novamed"), "", 0) - Procs.count(before.get("novamed"), "", 0));
                // A pull's pages are read one after the other (each needs the cursor the one before returned), so
                // the time NexHealth took to answer is a floor under the re-sync's time.
                r.put("nexhealth_answer_ms", Math.round((nexHealthAnswerSeconds(managementPort) - answersBefore) * 1000));
                r.put("share_of_first_run_elapsed", round3(ms / ((Number) ctx.firstRun().get("elapsed_ms")).doubleValue()));
                runs.add(r);
                log("re-sync in the service (" + ledger + ") " + i + ": " + ms + " ms, " + r.get("pulled") + " pulled");
            }
            Map<String, Object> service = new LinkedHashMap<>();
            service.put("runs", runs);
            service.put("warm_elapsed_ms", stats(runs.subList(1, runs.size()), "elapsed_ms"));
            service.put("warm_share_of_first_run_elapsed", stats(runs.subList(1, runs.size()),
                    "share_of_first_run_elapsed", BenchMain::round3));
            Procs.stop(p, true);
            if (cfg.jfr) {
                service.put("jfr_top_frames", JfrProfile.topFrames(List.of(recording), 10));
            }
            return service;
        } finally {
            if (p.isAlive()) {
                Procs.stop(p, true);
            }
        }
    }

    /** Seconds medsync has spent in NexHealth HTTP exchanges so far (Camel's endpoint timer on /q/metrics). */
    private static double nexHealthAnswerSeconds(int managementPort) throws IOException, InterruptedException {
        return Procs.get("http://127.0.0.1:" + managementPort + "/q/metrics").lines()
                .filter(l -> l.startsWith("camel_exchange_event_notifier_seconds_sum{")
                        && l.contains("endpointName=\"nexhealth-http://nexhealth\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static java.net.http.HttpRequest.Builder opsRequest(String url) {
        return java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + OPS_TOKEN);
    }

    /** The newest NexHealth run of the tenant's history, or null (a run is in the history once it finished). */
    private static JsonNode newestRun(String tenantBase) {
        try {
            var r = Procs.HTTP.send(opsRequest(tenantBase + "/runs?source=nexhealth&limit=1").GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            JsonNode runs = r.statusCode() == 200 ? Procs.JSON.readTree(r.body()) : null;
            return runs != null && runs.size() > 0 ? runs.get(0) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Waits until the service's readiness check answers UP on the management port. */
    private static void awaitReady(Process p, int managementPort, Path dir) {
        String url = "http://127.0.0.1:" + managementPort + "/q/health/ready";
        Procs.await("medsync to report ready on " + url, Duration.ofMinutes(2), 10, () -> {
            if (!p.isAlive()) {
                throw new IllegalStateException("medsync exited with " + p.exitValue() + ", see " + dir);
            }
            try {
                var r = Procs.HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                        .timeout(Duration.ofSeconds(2)).GET().build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200 && r.body().contains("\"UP\"");
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    // ---- scenario 2 ---------------------------------------------------------------------------------------------

    private Map<String, Object> budget() throws Exception {
        int limit = cfg.budgetLimit;
        Map<String, Object> s2 = new LinkedHashMap<>();
        List<long[]> posts = new ArrayList<>();
        Map<String, Object> run = medsyncOnFreshSandbox("s2", cfg.budgetPatients, limit,
                appHasRateLimit ? Map.of(RATE_PROPERTY, String.valueOf(limit)) : Map.of(), List.of(), ctx -> {
                    try {
                        for (JsonNode p : ctx.sandbox().timeline()) {
                            posts.add(new long[] {p.get(0).asLong(), p.get(1).asInt()});
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        s2.put("limit_per_minute", limit);
        s2.put("patients", cfg.budgetPatients);
        s2.put("medsync_setting", appHasRateLimit ? RATE_PROPERTY + "=" + limit
                : "none: this build of medsync has no " + RATE_PROPERTY + " (it fails start-up on unknown medsync.novamed.* names)");
        s2.put("run", run);
        // The sandbox's limiter counts fixed windows aligned to the epoch minute; so do we.
        TreeMap<Long, long[]> windows = new TreeMap<>(); // window start s -> {accepted, 429}
        long first = Long.MAX_VALUE;
        long lastMs = 0;
        long total429 = 0;
        long accepted = 0;
        for (long[] p : posts) {
            long w = (p[0] / 1000) - Math.floorMod(p[0] / 1000, 60);
            long[] c = windows.computeIfAbsent(w, k -> new long[2]);
            if (p[1] == 429) {
                c[1]++;
                total429++;
            } else {
                c[0]++;
                accepted++;
            }
            first = Math.min(first, p[0]);
            lastMs = Math.max(lastMs, p[0]);
        }
        List<Map<String, Object>> perWindow = new ArrayList<>();
        List<Long> fullWindowAccepted = new ArrayList<>();
        long firstWindow = windows.isEmpty() ? 0 : windows.firstKey();
        long lastWindow = windows.isEmpty() ? 0 : windows.lastKey();
        for (Map.Entry<Long, long[]> e : windows.entrySet()) {
            boolean full = e.getKey() != firstWindow && e.getKey() != lastWindow;
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("window_start_epoch_s", e.getKey());
            w.put("full_window", full);
            w.put("accepted", e.getValue()[0]);
            w.put("rejected_429", e.getValue()[1]);
            perWindow.add(w);
            if (full) {
                fullWindowAccepted.add(e.getValue()[0]);
            }
        }
        s2.put("windows", perWindow);
        s2.put("novamed_posts_accepted", accepted);
        s2.put("novamed_429", total429);
        double spanMin = (lastMs - first) / 60_000.0;
        s2.put("span_first_to_last_post_s", round3((lastMs - first) / 1000.0));
        s2.put("full_windows", fullWindowAccepted.size());
        s2.put("use_of_limit_full_windows", fullWindowAccepted.isEmpty() ? null
                : round3(fullWindowAccepted.stream().mapToLong(Long::longValue).average().orElse(0) / limit));
        s2.put("use_of_limit_overall", spanMin <= 0 ? null : round3(accepted / spanMin / limit));
        return s2;
    }

    // ---- scenario 4 ---------------------------------------------------------------------------------------------

    private Map<String, Object> memory() throws Exception {
        Map<String, Object> s4 = new LinkedHashMap<>();
        s4.put("patients", cfg.memoryPatients);
        s4.put("xmx", cfg.memoryXmx);
        Map<String, Object> run = medsyncOnFreshSandbox("s4", cfg.memoryPatients, 0, Map.of(),
                List.of("-Xmx" + cfg.memoryXmx), null);
        s4.put("run", run);
        s4.put("completed", Integer.valueOf(0).equals(run.get("exit_code")));
        return s4;
    }

    // ---- scenario 5 ---------------------------------------------------------------------------------------------

    private Map<String, Object> startup() throws Exception {
        List<Map<String, Object>> runs = new ArrayList<>();
        for (int i = 1; i <= cfg.startupRepetitions; i++) {
            Path dir = out.resolve("runs/s5-" + i);
            deleteTree(dir);
            Files.createDirectories(dir);
            int port = Procs.freePort();
            Map<String, String> props = appProps("http://127.0.0.1:9", "http://127.0.0.1:9", dir);
            props.put("medsync.run.mode", "service");
            props.put("medsync.schedules.enabled", "false");
            props.put("quarkus.http.port", String.valueOf(port));
            int managementPort = Procs.freePort();
            props.put("quarkus.management.port", String.valueOf(managementPort));
            if (cfg.startupWithFhirTenant) {
                props.put("medsync.tenants.demo-nextgen.enabled", "true");
            }
            List<String> cmd = appCommand(props, List.of());
            long t0 = System.nanoTime();
            Process p = Procs.start(cmd, dir.resolve("app.log"));
            awaitReady(p, managementPort, dir);
            long readyMs = (System.nanoTime() - t0) / 1_000_000;
            long rssAtReady = Procs.memory(p.pid())[0];
            // Measurement interval, not synchronisation: how much the idle service holds after a while.
            p.waitFor(cfg.idleSeconds, TimeUnit.SECONDS);
            long[] idle = Procs.memory(p.pid());
            Procs.stop(p, true);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("ready_ms", readyMs);
            r.put("rss_at_ready_mib", rssAtReady / 1024);
            r.put("rss_idle_mib", idle[0] / 1024);
            r.put("idle_after_s", cfg.idleSeconds);
            runs.add(r);
            log("start-up " + i + ": ready in " + readyMs + " ms, idle RSS " + idle[0] / 1024 + " MiB");
        }
        Map<String, Object> s5 = new LinkedHashMap<>();
        s5.put("runs", runs);
        s5.put("ready_ms", stats(runs, "ready_ms"));
        s5.put("rss_idle_mib", stats(runs, "rss_idle_mib"));
        return s5;
    }

    // ---- scenario 6 ---------------------------------------------------------------------------------------------

    private Map<String, Object> growth() throws Exception {
        List<Map<String, Object>> sizes = new ArrayList<>();
        for (int n : cfg.growthSizes) {
            Map<String, Object> size = new LinkedHashMap<>();
            size.put("patients", n);
            Map<String, Object> m = medsyncOnFreshSandbox("s6-" + n, n, 0, Map.of(), List.of(), null);
            size.put("medsync", m);
            size.put("medsync_ms_per_record_elapsed", m.get("ms_per_record_elapsed"));
            if (cfg.growthBaseline) {
                Map<String, Object> b = baselineOnFreshSandbox("s6-" + n, n);
                size.put("baseline", b);
                size.put("baseline_ms_per_record", b.get("ms_per_record_elapsed"));
            }
            sizes.add(size);
        }
        Map<String, Object> s6 = new LinkedHashMap<>();
        s6.put("sizes", sizes);
        if (sizes.size() >= 2) {
            Map<String, Object> small = sizes.get(0);
            Map<String, Object> big = sizes.get(sizes.size() - 1);
            s6.put("medsync_ratio_largest_to_smallest", round3((double) big.get("medsync_ms_per_record_elapsed")
                    / (double) small.get("medsync_ms_per_record_elapsed")));
            if (cfg.growthBaseline) {
                s6.put("baseline_ratio_largest_to_smallest", round3((double) big.get("baseline_ms_per_record")
                        / (double) small.get("baseline_ms_per_record")));
            }
        }
        return s6;
    }

    // ---- scenario 7 ---------------------------------------------------------------------------------------------

    /**
     * Many tenants at once: {@code tenants} tenants read the same NexHealth location (the data set is shared, the
     * ledger keys are not) and each has its own NovaMed API key, a simulator of its own with {@code tenant-limit}
     * per minute, and medsync's budget set to that limit. medsync runs in service mode with every tenant's sync
     * scheduled every 30 s (a trigger that finds its tenant's sync still running is skipped), on one PostgreSQL
     * ledger, with 1 and then 2 replicas; the harness measures {@code tenant-minutes} minutes and counts accepted
     * creates per key and per full minute window, as the simulators count them.
     */
    private Map<String, Object> manyTenants() throws Exception {
        Map<String, Object> s7 = new LinkedHashMap<>();
        s7.put("tenants", cfg.tenants);
        s7.put("patients_per_tenant", cfg.tenantPatients);
        s7.put("limit_per_key_per_minute", cfg.tenantLimit);
        s7.put("measured_minutes", cfg.tenantMinutes);
        List<Map<String, Object>> runs = new ArrayList<>();
        for (int replicas : cfg.tenantReplicas) {
            runs.add(tenantsRun(replicas));
        }
        s7.put("runs", runs);
        return s7;
    }

    private Map<String, Object> tenantsRun(int replicas) throws Exception {
        Path dir = out.resolve("runs/s7-" + replicas + "-replicas");
        deleteTree(dir);
        Files.createDirectories(dir);
        List<String> keys = new ArrayList<>();
        for (int t = 1; t <= cfg.tenants; t++) {
            keys.add(String.format("bench-novamed-key-%02d", t));
        }
        try (Procs.Sandbox sb = Procs.Sandbox.start(cfg, cfg.providers, cfg.tenantPatients, cfg.tenantLimit, keys,
                dir.resolve("sandbox.log"))) {
            Map<String, String> props = appProps(sb.nexBase(), sb.novaBase(), dir);
            props.putAll(postgres().freshDatabase());
            props.put("medsync.run.mode", "service");
            props.put("medsync.schedules.enabled", "true");
            props.put("medsync.tenants.demo-clinic.enabled", "false");
            // Which replica ran each scheduled trigger (the job_leases column) is logged at DEBUG.
            props.put("quarkus.log.category.\"io.medsync.pipeline.ScheduledJobGuard\".level", "DEBUG");
            if (appHasRateLimit) {
                props.put(RATE_PROPERTY, String.valueOf(cfg.tenantLimit));
            }
            for (int t = 1; t <= cfg.tenants; t++) {
                props.putAll(tenantProps(String.format("bench-t%02d", t), keys.get(t - 1)));
            }
            List<Process> apps = new ArrayList<>();
            List<Procs.RssSampler> samplers = new ArrayList<>();
            for (int r = 1; r <= replicas; r++) {
                Map<String, String> own = new LinkedHashMap<>(props);
                own.put("quarkus.http.port", String.valueOf(Procs.freePort()));
                own.put("quarkus.management.port", String.valueOf(Procs.freePort()));
                Process p = Procs.start(appCommand(own, List.of("-Xlog:gc:file=" + dir.resolve("replica-" + r + "-gc.log"))),
                        dir.resolve("replica-" + r + ".log"));
                apps.add(p);
                Procs.RssSampler sampler = new Procs.RssSampler(p.pid());
                sampler.start();
                samplers.add(sampler);
            }
            // Start-up is not measured: the interval begins with the first NovaMed create.
            Procs.await("the first NovaMed create of scenario 7", Duration.ofMinutes(cfg.runTimeoutMinutes), 1000, () -> {
                for (Process p : apps) {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("a medsync replica exited with " + p.exitValue() + ", see " + dir);
                    }
                }
                try {
                    return sb.timeline().size() > 0;
                } catch (IOException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
            // The measurement interval (not synchronisation): the rate is what the simulators see over these minutes.
            long until = System.currentTimeMillis() + (cfg.tenantMinutes + 1) * 60_000L;
            while (System.currentTimeMillis() < until) {
                for (Process p : apps) {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("a medsync replica exited with " + p.exitValue() + ", see " + dir);
                    }
                }
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(5));
            }
            long stoppedAt = System.currentTimeMillis();
            JsonNode timeline = sb.timeline();
            // Kept beside the logs: [ms, status, key] per POST, for a look at the pacing of each key.
            Files.writeString(dir.resolve("novamed-timeline.json"), timeline.toString());
            long cpuTicks = 0;
            for (int i = 0; i < apps.size(); i++) {
                samplers.get(i).finish();
                cpuTicks += Math.max(0, samplers.get(i).cpuTicks);
                Procs.stop(apps.get(i), true);
            }
            Map<String, Object> r = budgetUse(timeline, stoppedAt, cfg.tenants, cfg.tenantLimit);
            r.put("replicas", replicas);
            r.put("ledger", "pg");
            r.put("cpu_s_all_replicas", cpuTicks / 100.0);
            long accepted = ((Number) r.get("novamed_posts_accepted")).longValue();
            r.put("cpu_ms_per_accepted_create", accepted == 0 ? null : round3(cpuTicks * 10.0 / accepted));
            r.put("loadavg_1min_at_end", loadAverage());
            List<String> jobLines = new ArrayList<>();
            for (int i = 1; i <= replicas; i++) {
                long ran = Files.readAllLines(dir.resolve("replica-" + i + ".log")).stream()
                        .filter(l -> l.contains("runs here")).count();
                long elsewhere = Files.readAllLines(dir.resolve("replica-" + i + ".log")).stream()
                        .filter(l -> l.contains("runs on another")).count();
                long stillRunning = Files.readAllLines(dir.resolve("replica-" + i + ".log")).stream()
                        .filter(l -> l.contains("previous trigger still runs here")).count();
                jobLines.add("replica " + i + ": " + ran + " triggers ran here, " + elsewhere + " ran on another replica, "
                        + stillRunning + " skipped while the previous still ran here");
            }
            r.put("job_leases", jobLines);
            log("tenants, " + replicas + " replica(s): " + r.get("use_of_summed_limits_full_windows") + " of the summed limits, "
                    + r.get("novamed_429") + " x 429");
            return r;
        }
    }

    /** A tenant of scenario 7: the demo's NexHealth location and defaults, its own NovaMed key. */
    private static Map<String, String> tenantProps(String id, String novaMedKey) {
        String p = "medsync.tenants." + id + ".";
        Map<String, String> props = new LinkedHashMap<>();
        props.put(p + "nexhealth.locations.main.subdomain", BenchConfig.SUBDOMAIN);
        props.put(p + "nexhealth.locations.main.location-id", String.valueOf(BenchConfig.LOCATION_ID));
        props.put(p + "nexhealth.api-key-ref", "medsync.sandbox.nexhealth.api-key");
        props.put(p + "novamed.clinic-id", BenchConfig.CLINIC_ID);
        props.put(p + "novamed.api-key-ref", "bench.novamed-key." + id);
        props.put("bench.novamed-key." + id, novaMedKey);
        props.put(p + "defaults.fallback-practitioner-id", BenchConfig.FALLBACK_PRACTITIONER);
        props.put(p + "defaults.practice-address.line1", "100 Congress Ave");
        props.put(p + "defaults.practice-address.city", "Austin");
        props.put(p + "defaults.practice-address.state-code", "TX");
        props.put(p + "defaults.practice-address.zip-code", "78701");
        props.put(p + "schedule.nexhealth-sync", "0/30 * * * * ?");
        props.put(p + "schedule.nextgen-sync", "off");
        return props;
    }

    /**
     * Accepted creates and 429s per API key and per minute window (fixed windows aligned to the minute, as the
     * simulators count them); full windows are those after the first POST's window that ended before the stop.
     */
    static Map<String, Object> budgetUse(JsonNode timeline, long stoppedAtMs, int keys, int limit) {
        TreeMap<Long, long[]> acceptedByWindow = new TreeMap<>(); // window start s -> accepted per key
        long[] first429 = new long[keys];
        long total429 = 0;
        long accepted = 0;
        long firstPost = Long.MAX_VALUE;
        for (JsonNode post : timeline) {
            long ms = post.get(0).asLong();
            int status = post.get(1).asInt();
            int key = post.size() > 2 ? post.get(2).asInt() : 0;
            firstPost = Math.min(firstPost, ms);
            long window = ms / 1000 - Math.floorMod(ms / 1000, 60);
            if (status == 429) {
                total429++;
                first429[key]++;
            } else {
                accepted++;
                acceptedByWindow.computeIfAbsent(window, w -> new long[keys])[key]++;
            }
        }
        long firstWindow = firstPost == Long.MAX_VALUE ? 0 : firstPost / 1000 - Math.floorMod(firstPost / 1000, 60);
        List<Map<String, Object>> windows = new ArrayList<>();
        long fullAccepted = 0;
        int full = 0;
        long maxPerKey = 0;
        for (Map.Entry<Long, long[]> e : acceptedByWindow.entrySet()) {
            boolean isFull = e.getKey() > firstWindow && (e.getKey() + 60) * 1000 <= stoppedAtMs;
            long sum = java.util.Arrays.stream(e.getValue()).sum();
            long keysAtLimit = java.util.Arrays.stream(e.getValue()).filter(n -> n >= limit).count();
            long max = java.util.Arrays.stream(e.getValue()).max().orElse(0);
            long min = java.util.Arrays.stream(e.getValue()).min().orElse(0);
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("window_start_epoch_s", e.getKey());
            w.put("full_window", isFull);
            w.put("accepted_all_keys", sum);
            w.put("min_per_key", min);
            w.put("max_per_key", max);
            w.put("keys_at_limit", keysAtLimit);
            windows.add(w);
            if (isFull) {
                full++;
                fullAccepted += sum;
                maxPerKey = Math.max(maxPerKey, max);
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("windows", windows);
        r.put("full_windows", full);
        r.put("novamed_posts_accepted", accepted);
        r.put("novamed_429", total429);
        r.put("novamed_429_after_the_first_per_key", java.util.Arrays.stream(first429).map(n -> Math.max(0, n - 1)).sum());
        r.put("max_accepted_per_key_in_a_full_window", maxPerKey);
        r.put("use_of_summed_limits_full_windows", full == 0 ? null
                : round3(fullAccepted / (double) full / ((double) keys * limit)));
        return r;
    }

    // ---- runs ---------------------------------------------------------------------------------------------------

    private Map<String, Object> medsyncOnFreshSandbox(String name, int patients, int novaLimit,
            Map<String, String> extra, List<String> jvmOpts, Consumer<RunContext> after) throws Exception {
        return medsyncOnFreshSandbox(name, patients, novaLimit, extra, jvmOpts, cfg.ledger, after);
    }

    private Map<String, Object> medsyncOnFreshSandbox(String name, int patients, int novaLimit,
            Map<String, String> extra, List<String> jvmOpts, String ledger, Consumer<RunContext> after)
            throws Exception {
        Path dir = out.resolve("runs/" + name + "-medsync");
        deleteTree(dir);
        Files.createDirectories(dir);
        try (Procs.Sandbox sb = Procs.Sandbox.start(cfg, cfg.providers, patients, novaLimit, dir.resolve("sandbox.log"))) {
            Map<String, Object> r = runApp(sb, dir, "app", extra, jvmOpts, ledger);
            r.put("sandbox_start_ms", sb.startMs);
            JsonNode stats = sb.stats();
            r.put("novamed_posts", Procs.count(stats.get("novamed"), "", 0));
            r.put("novamed_200", Procs.count(stats.get("novamed"), "", 200));
            r.put("novamed_429", Procs.count(stats.get("novamed"), "", 429));
            r.put("nexhealth_requests", Procs.count(stats.get("nexhealth"), "", 0));
            if (after != null) {
                after.accept(new RunContext(sb, dir, r));
            }
            return r;
        }
    }

    private Map<String, Object> runApp(Procs.Sandbox sb, Path dir, String label, Map<String, String> extra,
            List<String> jvmOpts, String ledger) throws Exception {
        Map<String, String> props = appProps(sb.nexBase(), sb.novaBase(), dir);
        props.putAll(ledgerProps(ledger, dir));
        props.put("medsync.run.summary-file", dir.resolve(label + "-summary.json").toString());
        props.putAll(extra);
        List<String> opts = new ArrayList<>(jvmOpts);
        Path gcLog = dir.resolve(label + "-gc.log");
        opts.add("-Xlog:gc:file=" + gcLog);
        List<String> cmd = appCommand(props, opts);
        long t0 = System.nanoTime();
        Process p = Procs.start(cmd, dir.resolve(label + ".log"));
        Procs.RssSampler rss = new Procs.RssSampler(p.pid());
        rss.start();
        boolean done = p.waitFor(cfg.runTimeoutMinutes, TimeUnit.MINUTES);
        long wall = (System.nanoTime() - t0) / 1_000_000;
        rss.finish();
        if (!done) {
            Procs.stop(p, false);
            throw new IllegalStateException("medsync did not finish within " + cfg.runTimeoutMinutes + " min, see " + dir);
        }
        Procs.stop(p, false);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("exit_code", p.exitValue());
        r.put("ledger", ledger);
        r.put("wall_ms", wall);
        r.put("loadavg_1min_at_end", loadAverage());
        Path summaryFile = dir.resolve(label + "-summary.json");
        if (Files.exists(summaryFile)) {
            JsonNode summary = Procs.JSON.readTree(summaryFile.toFile());
            long elapsed = summary.path("elapsed_ms").asLong();
            r.put("elapsed_ms", elapsed);
            Map<String, Object> totals = new LinkedHashMap<>();
            summary.path("totals").fields().forEachRemaining(e -> totals.put(e.getKey(), e.getValue().asLong()));
            r.put("totals", totals);
            r.put("errors", summary.path("errors").size());
            long pulled = summary.path("totals").path("pulled").asLong();
            r.put("records", pulled);
            r.put("records_per_s_elapsed", round1(pulled * 1000.0 / Math.max(1, elapsed)));
            r.put("records_per_s_wall", round1(pulled * 1000.0 / Math.max(1, wall)));
            r.put("ms_per_record_elapsed", round3(elapsed / (double) Math.max(1, pulled)));
        }
        Path ledgerFile = dir.resolve("ledger.mv.db");
        r.put("ledger_file_mib", Files.exists(ledgerFile) ? round1(Files.size(ledgerFile) / 1048576.0) : null);
        long[] gc = Procs.gcPeaks(gcLog);
        r.put("peak_rss_mib", rss.peakKb / 1024);
        r.put("cpu_s", rss.cpuTicks / 100.0);
        r.put("cpu_ms_per_record", r.containsKey("records")
                ? round3(rss.cpuTicks * 10.0 / Math.max(1, ((Number) r.get("records")).longValue())) : null);
        r.put("gc_count", gc[3]);
        r.put("peak_heap_before_gc_mib", gc[0]);
        r.put("peak_heap_after_gc_mib", gc[1]);
        r.put("peak_heap_committed_mib", gc[2]);
        log(String.format("medsync %s/%s: exit %d, wall %d ms, elapsed %s ms, totals %s, peak RSS %d MiB",
                dir.getFileName(), label, p.exitValue(), wall, r.get("elapsed_ms"), r.get("totals"), rss.peakKb / 1024));
        return r;
    }

    private Map<String, Object> baselineOnFreshSandbox(String name, int patients) throws Exception {
        Path dir = out.resolve("runs/" + name + "-baseline");
        deleteTree(dir);
        Files.createDirectories(dir);
        try (Procs.Sandbox sb = Procs.Sandbox.start(cfg, cfg.providers, patients, 0, dir.resolve("sandbox.log"))) {
            List<String> cmd = List.of(Procs.java(), "-cp", System.getProperty("java.class.path"),
                    Baseline.class.getName(), sb.nexBase(), sb.novaBase(), String.valueOf(cfg.perPage),
                    String.valueOf(cfg.deliveryThreads));
            Path log = dir.resolve("baseline.log");
            long t0 = System.nanoTime();
            Process p = Procs.start(cmd, log);
            Procs.RssSampler sampler = new Procs.RssSampler(p.pid());
            sampler.start();
            boolean done = p.waitFor(cfg.runTimeoutMinutes, TimeUnit.MINUTES);
            long wall = (System.nanoTime() - t0) / 1_000_000;
            sampler.finish();
            Procs.stop(p, false);
            if (!done || p.exitValue() != 0) {
                throw new IllegalStateException("baseline failed, see " + log);
            }
            JsonNode result = null;
            for (String line : Files.readAllLines(log)) {
                if (line.startsWith("BASELINE-RESULT ")) {
                    result = Procs.JSON.readTree(line.substring("BASELINE-RESULT ".length()));
                }
            }
            if (result == null) {
                throw new IllegalStateException("baseline printed no result, see " + log);
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("wall_ms", wall);
            long elapsed = result.get("elapsedMs").asLong();
            long records = result.get("recordsPulled").asLong();
            r.put("elapsed_ms", elapsed);
            r.put("records", records);
            r.put("novamed_posts_sent", result.get("practitionersPosted").asLong() + result.get("patientsPosted").asLong());
            r.put("novamed_200", result.get("ok").asLong());
            r.put("novamed_4xx", result.get("rejected").asLong());
            r.put("novamed_other", result.get("otherStatus").asLong());
            r.put("skipped_unmappable_or_no_practitioner", result.get("skipped").asLong());
            r.put("nexhealth_requests", result.get("nexHealthRequests").asLong());
            r.put("records_per_s_elapsed", round1(records * 1000.0 / Math.max(1, elapsed)));
            r.put("records_per_s_wall", round1(records * 1000.0 / Math.max(1, wall)));
            r.put("ms_per_record_elapsed", round3(elapsed / (double) Math.max(1, records)));
            r.put("peak_rss_mib", sampler.peakKb / 1024);
            r.put("cpu_s", sampler.cpuTicks / 100.0);
            r.put("cpu_ms_per_record", round3(sampler.cpuTicks * 10.0 / Math.max(1, records)));
            log(String.format("baseline %s: wall %d ms, elapsed %d ms, %d records, %d posts (%d x 200, %d x 4xx), %d skipped",
                    name, wall, elapsed, records, r.get("novamed_posts_sent"), r.get("novamed_200"), r.get("novamed_4xx"),
                    r.get("skipped_unmappable_or_no_practitioner")));
            return r;
        }
    }

    private Map<String, String> appProps(String nexBase, String novaBase, Path dir) throws IOException {
        // The demo tenant and sandbox keys: the production artifact holds none of them.
        Map<String, String> props = new LinkedHashMap<>(PackagedApp.sandboxConfig("demo"));
        props.put("quarkus.profile", "demo");
        props.put("medsync.sandbox.enabled", "false");
        // The benchmark measures the NexHealth → NovaMed pipeline; the demo's NextGen tenant stays out of it.
        props.put("medsync.tenants.demo-nextgen.enabled", "false");
        props.put("medsync.nexhealth.base-url", nexBase);
        props.put("medsync.novamed.base-url", novaBase);
        props.put("medsync.nexhealth.per-page", String.valueOf(cfg.perPage));
        props.put("medsync.pipeline.delivery-threads", String.valueOf(cfg.deliveryThreads));
        if (appHasRateLimit) {
            props.put(RATE_PROPERTY, "0");
        }
        props.putAll(ledgerProps(cfg.ledger, dir));
        // On a loaded machine opening the ledger file can outlast the pool's default 5 s and fail the start.
        props.put("quarkus.datasource.jdbc.acquisition-timeout", "PT120S");
        return props;
    }

    /** PostgreSQL databases by run directory: a re-sync in the first run's directory finds the first run's ledger. */
    private final Map<Path, Map<String, String>> pgDatabases = new HashMap<>();

    /**
     * The datasource of one run directory: an H2 file in it, in-memory H2, or a PostgreSQL database of its own; a
     * second run in the same directory (scenario 3's re-sync) uses the same ledger, as the H2 file does.
     */
    private Map<String, String> ledgerProps(String ledger, Path dir) {
        return switch (ledger) {
            case "mem" -> Map.of("quarkus.datasource.jdbc.url", "jdbc:h2:mem:medsync-bench;DB_CLOSE_DELAY=-1");
            case "file" -> Map.of("quarkus.datasource.jdbc.url", "jdbc:h2:file:" + dir.resolve("ledger") + cfg.ledgerOptions);
            case "pg" -> pgDatabases.computeIfAbsent(dir.toAbsolutePath(), d -> postgres().freshDatabase());
            default -> throw new IllegalArgumentException("unknown ledger " + ledger + " (file, mem or pg)");
        };
    }

    private BenchPostgres postgres;

    /** One embedded PostgreSQL server for the whole harness run (its own process, like the sandboxes). */
    private BenchPostgres postgres() {
        if (postgres == null) {
            postgres = BenchPostgres.start();
        }
        return postgres;
    }

    private List<String> appCommand(Map<String, String> props, List<String> jvmOpts) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Procs.java());
        cmd.addAll(jvmOpts);
        props.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(Path.of(cfg.appJar).toAbsolutePath().toString());
        return cmd;
    }

    /** Whether the built application mentions the rate-limit property (its properties file or a class). */
    private boolean appKnowsRateLimit() throws IOException {
        Path jarDir = Path.of(cfg.appJar).toAbsolutePath().getParent().resolve("app");
        byte[] needle = "rate-limit.requests-per-minute".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        try (var files = Files.walk(jarDir)) {
            for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
                try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
                    for (var e : java.util.Collections.list(zip.entries())) {
                        if (e.getName().endsWith(".class") || e.getName().endsWith(".properties")) {
                            byte[] bytes = zip.getInputStream(e).readAllBytes();
                            if (indexOf(bytes, needle) >= 0) {
                                return true;
                            }
                        }
                    }
                }
            }
        }
        return false;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    // ---- report -------------------------------------------------------------------------------------------------

    private Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("cpu", firstLine(Path.of("/proc/cpuinfo"), "model name"));
        m.put("memory_total", firstLine(Path.of("/proc/meminfo"), "MemTotal"));
        m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        m.put("harness_jvm_args", ManagementFactory.getRuntimeMXBean().getInputArguments());
        m.put("loadavg_at_start", loadAverageLine());
        return m;
    }

    /** /proc/loadavg: other processes on the machine (e.g. other builds) disturb every number here. */
    static String loadAverageLine() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static Double loadAverage() {
        try {
            return Double.parseDouble(loadAverageLine().split(" ")[0]);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String firstLine(Path file, String prefix) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(prefix)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException ignored) {
            // not Linux
        }
        return "unknown";
    }

    private void writeReport() throws IOException {
        Files.writeString(out.resolve("report.json"),
                Procs.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        Files.writeString(out.resolve("report.md"), ReportMarkdown.render(report));
        log("report written to " + out.resolve("report.md") + " and report.json");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    static Map<String, Object> stats(List<Map<String, Object>> runs, String key) {
        return stats(runs, key, BenchMain::round1);
    }

    /** Min, median and max of {@code key} over the runs, each rounded by {@code round} (shares need 3 digits). */
    static Map<String, Object> stats(List<Map<String, Object>> runs, String key,
            java.util.function.DoubleUnaryOperator round) {
        List<Double> values = new ArrayList<>();
        for (Map<String, Object> r : runs) {
            Object v = r.get(key);
            if (v instanceof Number num) {
                values.add(num.doubleValue());
            }
        }
        Collections.sort(values);
        Map<String, Object> s = new LinkedHashMap<>();
        if (values.isEmpty()) {
            return s;
        }
        int n = values.size();
        double median = n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
        s.put("min", round.applyAsDouble(values.get(0)));
        s.put("median", round.applyAsDouble(median));
        s.put("max", round.applyAsDouble(values.get(n - 1)));
        s.put("n", n);
        return s;
    }

    static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private void log(String message) {
        System.out.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + message);
        System.out.flush();
    }
}
