package io.medsync.bench.chaos;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.medsync.sandbox.FaultInjector;
import io.medsync.sandbox.NexHealthSandbox;
import io.medsync.sandbox.NovaMedSandbox;
import io.medsync.sandbox.RecordedRequest;
import io.medsync.sandbox.SandboxClock;
import io.medsync.sandbox.SandboxConfig;
import io.medsync.sandbox.SandboxSettings;

/**
 * NexHealth and NovaMed simulators in their own JVM (so they outlive every kill of the application, as the real
 * partners would), NovaMed's faults set from {@code -Dchaos.*} properties, and a loopback control port for the
 * harness: {@code POST /outage?mode=refused|unavailable} and {@code POST /restore} (NovaMed away, then back with
 * its chaos), {@code GET /progress} and {@code GET /verdict}. Only counts and NovaMed ids leave this JVM, never a
 * request body.
 */
public final class ChaosSandboxMain {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOVAMED_API = "/api/external/";

    private final NexHealthSandbox nexHealth;
    private final NovaMedSandbox novaMed;
    private final FaultInjector.Chaos chaos;
    private String outage = "none";

    private ChaosSandboxMain(NexHealthSandbox nexHealth, NovaMedSandbox novaMed, FaultInjector.Chaos chaos) {
        this.nexHealth = nexHealth;
        this.novaMed = novaMed;
        this.chaos = chaos;
    }

    public static void main(String[] args) throws Exception {
        SandboxSettings settings = SandboxSettings.from(SandboxConfig.fromSystemProperties());
        SandboxClock clock = new SandboxClock();
        NexHealthSandbox nexHealth = new NexHealthSandbox(settings, clock);
        NovaMedSandbox novaMed = new NovaMedSandbox(settings, clock);
        // 5xx answers, lost answers (the create happened, the answer never comes) and answers slower than the
        // application's request timeout, at random but seeded, on every NovaMed call.
        FaultInjector.Chaos chaos = new FaultInjector.Chaos(NOVAMED_API,
                Double.parseDouble(System.getProperty("chaos.server-errors", "0.20")),
                Double.parseDouble(System.getProperty("chaos.lost-answers", "0.025")),
                Double.parseDouble(System.getProperty("chaos.timeouts", "0.025")),
                Duration.parse(System.getProperty("chaos.timeout-delay", "PT1.5S")),
                Long.parseLong(System.getProperty("chaos.seed", "17")));
        novaMed.faults().chaos(chaos);
        // 429 windows: every chaos.rate-window-every, NovaMed's own fixed-window limiter lets one call through per
        // chaos.rate-window and answers the others 429 (with its retry_after and X-RateLimit-* headers), then lifts.
        Duration every = Duration.parse(System.getProperty("chaos.rate-window-every", "PT15S"));
        Duration window = Duration.parse(System.getProperty("chaos.rate-window", "PT3S"));
        if (!every.isZero()) {
            var windows = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "chaos-429-windows");
                t.setDaemon(true);
                return t;
            });
            windows.scheduleAtFixedRate(() -> novaMed.setRateLimit(1, window), every.toMillis(), every.toMillis(),
                    java.util.concurrent.TimeUnit.MILLISECONDS);
            windows.scheduleAtFixedRate(() -> novaMed.setRateLimitPerMinute(0), every.plus(window).toMillis(),
                    every.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        nexHealth.start();
        novaMed.start();
        ChaosSandboxMain main = new ChaosSandboxMain(nexHealth, novaMed, chaos);
        HttpServer control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                Integer.parseInt(System.getProperty("chaos.control.port", "0"))), 0);
        control.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "chaos-control");
            t.setDaemon(true);
            return t;
        }));
        control.createContext("/outage", ex -> main.answer(ex, () -> main.outage(query(ex, "mode"))));
        control.createContext("/restore", ex -> main.answer(ex, main::restore));
        control.createContext("/progress", ex -> main.answer(ex, main::progress));
        control.createContext("/verdict", ex -> main.answer(ex, main::verdict));
        control.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            control.stop(0);
            nexHealth.stop();
            novaMed.stop();
            stopped.countDown();
        }, "chaos-sandbox-shutdown"));
        System.out.println("CHAOS-SANDBOX-READY nexhealth=" + nexHealth.port() + " novamed=" + novaMed.port()
                + " control=" + control.getAddress().getPort());
        System.out.flush();
        stopped.await();
    }

    /**
     * NovaMed goes away: {@code refused} stops its server (connections refused, as when its load balancer has no
     * backend), {@code unavailable} answers every call 503 (as its gateway does in a maintenance window).
     */
    private synchronized ObjectNode outage(String mode) {
        switch (mode) {
            case "refused" -> novaMed.stop();
            case "unavailable" -> novaMed.faults().chaos(new FaultInjector.Chaos(NOVAMED_API, 1.0, 0, 0,
                    Duration.ZERO, 1));
            default -> throw new IllegalArgumentException("unknown outage mode " + mode);
        }
        outage = mode;
        return JSON.createObjectNode().put("outage", mode);
    }

    /** NovaMed answers again (on the same port), with the run's chaos. */
    private synchronized ObjectNode restore() {
        if (!novaMed.running()) {
            novaMed.start();
        }
        novaMed.faults().chaos(chaos);
        outage = "none";
        return JSON.createObjectNode().put("outage", outage);
    }

    private synchronized ObjectNode progress() {
        return JSON.createObjectNode().put("practitioners", novaMed.practitioners().size())
                .put("patients", novaMed.patients().size()).put("outage", outage);
    }

    /**
     * What NovaMed holds and what it refused, judged here where the bodies are: duplicates (the same practitioner
     * NPI or patient identity created twice), creates answered "already exists" (resends), and refusals (4xx other
     * than 429 for a record NovaMed does not hold).
     */
    private synchronized ObjectNode verdict() {
        List<NovaMedSandbox.Created> practitioners = novaMed.practitioners();
        List<NovaMedSandbox.Created> patients = novaMed.patients();
        Set<String> npis = new HashSet<>();
        Set<String> identities = new HashSet<>();
        ObjectNode v = JSON.createObjectNode();
        v.put("nexhealth_patients", nexHealth.patientCount());
        v.put("nexhealth_providers", nexHealth.providerIds().size());
        v.put("practitioner_duplicates", practitioners.stream().filter(p -> !npis.add(npi(p.request()))).count());
        v.put("patient_duplicates", patients.stream().filter(p -> !identities.add(identity(p.request()))).count());
        var ids = v.putArray("novamed_ids");
        practitioners.forEach(p -> ids.add(p.id().toString()));
        patients.forEach(p -> ids.add(p.id().toString()));
        Set<String> refusedPractitioners = new HashSet<>();
        Set<String> refusedPatients = new HashSet<>();
        long resendsAnsweredExists = 0;
        ObjectNode byStatus = v.putObject("novamed_posts_by_status");
        for (RecordedRequest r : novaMed.recordedRequests()) {
            if (!"POST".equals(r.method())) {
                continue;
            }
            byStatus.put(String.valueOf(r.responseStatus()), byStatus.path(String.valueOf(r.responseStatus())).asLong() + 1);
            if (r.responseStatus() < 400 || r.responseStatus() >= 500 || r.responseStatus() == 429) {
                continue;
            }
            JsonNode body = parse(r.body());
            if (NovaMedSandbox.PRACTITIONER_PATH.equals(r.path())) {
                if (npis.contains(npi(body))) {
                    resendsAnsweredExists++;
                } else {
                    refusedPractitioners.add(npi(body));
                }
            } else if (NovaMedSandbox.PATIENT_PATH.equals(r.path())) {
                if (identities.contains(identity(body))) {
                    resendsAnsweredExists++;
                } else {
                    refusedPatients.add(identity(body));
                }
            }
        }
        v.put("resends_answered_already_exists", resendsAnsweredExists);
        v.put("refused_practitioners", refusedPractitioners.size());
        v.put("refused_patients", refusedPatients.size());
        return v;
    }

    private static String npi(JsonNode body) {
        return body.path("npi").asText();
    }

    /** NovaMed's own duplicate rule: first name, last name and birth date, case-insensitive. */
    private static String identity(JsonNode body) {
        return body.path("first_name").asText().trim().toLowerCase(Locale.ROOT) + "|"
                + body.path("last_name").asText().trim().toLowerCase(Locale.ROOT) + "|" + body.path("dob").asText();
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body == null ? "{}" : body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String query(HttpExchange exchange, String name) {
        String q = exchange.getRequestURI().getQuery();
        for (String pair : q == null ? new String[0] : q.split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return "";
    }

    private void answer(HttpExchange exchange, java.util.function.Supplier<ObjectNode> action) throws IOException {
        int status = 200;
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(action.get());
        } catch (RuntimeException e) {
            status = 400;
            bytes = JSON.writeValueAsBytes(JSON.createObjectNode().put("error", e.getClass().getSimpleName()));
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
