package io.medsync.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Harness settings from {@code --name=value} arguments; {@code --quick} switches every size to a smoke size. */
final class BenchConfig {

    static final String SUBDOMAIN = "demo-dental";
    static final long LOCATION_ID = 101;
    static final String NEXHEALTH_KEY = "sandbox-nexhealth-key";
    static final String NOVAMED_KEY = "sandbox-novamed-key";
    static final String CLINIC_ID = "5b0c3b8e-6f7a-4c1e-9a55-2f4e8d9c1a01";
    static final String FALLBACK_PRACTITIONER = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

    boolean quick;
    String scenarios = "1,2,3,4,5,6,7";
    String latency = "PT0.002S";
    int sandboxThreads = 16;
    /** file (the default H2 file ledger, as deployed) or mem (diagnosis only: isolates the cost of the ledger file). */
    String ledger = "file";
    String ledgerOptions = ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    /** Ledgers scenarios 1 and 3 run on, side by side: file (H2 file), pg (embedded PostgreSQL, fresh database per run). */
    List<String> ledgers = List.of("file", "pg");
    /** A JFR recording of every medsync run of scenario 1; the report lists the top frames of its CPU samples. */
    boolean jfr = true;
    /** Scenario 7 (many tenants): tenants, patients each, NovaMed limit per key, minutes measured, replica counts. */
    int tenants = 20;
    int tenantPatients = 1_000;
    int tenantLimit = 120;
    int tenantMinutes = 4;
    List<Integer> tenantReplicas = List.of(1, 2);
    /** -Dsun.net.httpserver.nodelay for the sandbox JVM (TCP_NODELAY on the JDK HttpServer's sockets). */
    boolean sandboxNoDelay = true;
    /** true / false / auto (auto: only if the built app knows medsync.novamed.rate-limit.requests-per-minute). */
    String appRateLimitProperty = "auto";
    int perPage = 1000;
    int deliveryThreads = 4;
    int providers = 10;
    int throughputPatients = 10_000;
    int repetitions = 3;
    int budgetLimit = 600;
    int budgetPatients = 2_200;
    int memoryPatients = 100_000;
    String memoryXmx = "256m";
    int startupRepetitions = 3;
    /** Scenario 5 with the demo's NextGen (FHIR R4) tenant configured too: start-up must not pay for FHIR up front. */
    boolean startupWithFhirTenant = false;
    int idleSeconds = 10;
    List<Integer> growthSizes = List.of(1_000, 10_000, 100_000);
    boolean growthBaseline = true;
    int runTimeoutMinutes = 60;
    String appJar = "target/quarkus-app/quarkus-run.jar";
    String outDir = "target/bench";
    final Map<String, String> given = new LinkedHashMap<>();

    static BenchConfig parse(String[] args) {
        BenchConfig c = new BenchConfig();
        for (String a : args) {
            if (a.equals("--quick")) {
                c.quick = true;
            }
        }
        if (c.quick) {
            c.throughputPatients = 1_000;
            c.budgetLimit = 300;
            c.budgetPatients = 700;
            c.memoryPatients = 5_000;
            c.startupRepetitions = 1;
            c.idleSeconds = 3;
            c.growthSizes = List.of(500, 2_000, 5_000);
            c.runTimeoutMinutes = 10;
            c.tenants = 4;
            c.tenantPatients = 200;
            c.tenantMinutes = 3;
        }
        for (String a : args) {
            if (!a.startsWith("--") || a.equals("--quick")) {
                continue;
            }
            int eq = a.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("expected --name=value, got " + a);
            }
            String k = a.substring(2, eq);
            String v = a.substring(eq + 1);
            c.given.put(k, v);
            switch (k) {
                case "scenarios" -> c.scenarios = v;
                case "latency" -> c.latency = v;
                case "sandbox-nodelay" -> c.sandboxNoDelay = Boolean.parseBoolean(v);
                case "app-rate-limit-property" -> c.appRateLimitProperty = v;
                case "ledger" -> c.ledger = v;
                case "ledger-options" -> c.ledgerOptions = v;
                case "ledgers" -> c.ledgers = List.of(v.split(","));
                case "jfr" -> c.jfr = Boolean.parseBoolean(v);
                case "tenants" -> c.tenants = Integer.parseInt(v);
                case "tenant-patients" -> c.tenantPatients = Integer.parseInt(v);
                case "tenant-limit" -> c.tenantLimit = Integer.parseInt(v);
                case "tenant-minutes" -> c.tenantMinutes = Integer.parseInt(v);
                case "tenant-replicas" -> c.tenantReplicas = java.util.Arrays.stream(v.split(","))
                        .map(String::trim).map(Integer::valueOf).toList();
                case "sandbox-threads" -> c.sandboxThreads = Integer.parseInt(v);
                case "per-page" -> c.perPage = Integer.parseInt(v);
                case "delivery-threads" -> c.deliveryThreads = Integer.parseInt(v);
                case "providers" -> c.providers = Integer.parseInt(v);
                case "patients" -> c.throughputPatients = Integer.parseInt(v);
                case "repetitions" -> c.repetitions = Integer.parseInt(v);
                case "budget-limit" -> c.budgetLimit = Integer.parseInt(v);
                case "budget-patients" -> c.budgetPatients = Integer.parseInt(v);
                case "memory-patients" -> c.memoryPatients = Integer.parseInt(v);
                case "memory-xmx" -> c.memoryXmx = v;
                case "startup-repetitions" -> c.startupRepetitions = Integer.parseInt(v);
                case "startup-with-fhir-tenant" -> c.startupWithFhirTenant = Boolean.parseBoolean(v);
                case "idle-seconds" -> c.idleSeconds = Integer.parseInt(v);
                case "growth-sizes" -> {
                    List<Integer> sizes = new ArrayList<>();
                    for (String s : v.split(",")) {
                        sizes.add(Integer.parseInt(s.trim()));
                    }
                    c.growthSizes = sizes;
                }
                case "growth-baseline" -> c.growthBaseline = Boolean.parseBoolean(v);
                case "run-timeout-minutes" -> c.runTimeoutMinutes = Integer.parseInt(v);
                case "app-jar" -> c.appJar = v;
                case "out" -> c.outDir = v;
                default -> throw new IllegalArgumentException("unknown option --" + k);
            }
        }
        return c;
    }

    boolean runs(int scenario) {
        for (String s : scenarios.split(",")) {
            if (s.trim().equals(String.valueOf(scenario))) {
                return true;
            }
        }
        return false;
    }

    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("quick", quick);
        m.put("scenarios", scenarios);
        m.put("sandbox_latency", latency);
        m.put("sandbox_threads", sandboxThreads);
        m.put("sandbox_nodelay", sandboxNoDelay);
        m.put("per_page", perPage);
        m.put("ledger", ledger + ("mem".equals(ledger) ? "" : ledgerOptions));
        m.put("ledgers_of_scenarios_1_3", ledgers);
        m.put("jfr", jfr);
        m.put("tenants", tenants + " x " + tenantPatients + " patients, " + tenantLimit + "/min per key, "
                + tenantMinutes + " min, replicas " + tenantReplicas);
        m.put("delivery_threads", deliveryThreads);
        m.put("providers", providers);
        m.put("throughput_patients", throughputPatients);
        m.put("repetitions", repetitions);
        m.put("budget_limit_per_minute", budgetLimit);
        m.put("budget_patients", budgetPatients);
        m.put("memory_patients", memoryPatients);
        m.put("memory_xmx", memoryXmx);
        m.put("startup_repetitions", startupRepetitions);
        m.put("startup_with_fhir_tenant", startupWithFhirTenant);
        m.put("idle_seconds", idleSeconds);
        m.put("growth_sizes", growthSizes);
        m.put("growth_baseline", growthBaseline);
        return m;
    }
}
