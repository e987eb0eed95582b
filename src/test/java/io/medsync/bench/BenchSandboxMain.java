package io.medsync.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

import io.medsync.sandbox.NexHealthSandbox;
import io.medsync.sandbox.NovaMedSandbox;
import io.medsync.sandbox.RecordedRequest;
import io.medsync.sandbox.SandboxClock;
import io.medsync.sandbox.SandboxConfig;
import io.medsync.sandbox.SandboxHttpServer;
import io.medsync.sandbox.SandboxSettings;

/**
 * What {@link io.medsync.sandbox.SandboxMain} does (both simulators in their own JVM, configured by
 * {@code medsync.sandbox.*} system properties), plus a small stats endpoint on {@code -Dbench.stats.port} so the
 * harness, in another JVM, can read how many requests each simulator answered and with which status:
 * {@code GET /stats} (counts per method+path and status) and {@code GET /timeline} (epoch ms and status of every
 * NovaMed POST). Counts and timestamps only: no body, query or header ever leaves this JVM.
 */
public final class BenchSandboxMain {

    private BenchSandboxMain() {
    }

    public static void main(String[] args) throws Exception {
        SandboxSettings settings = SandboxSettings.from(SandboxConfig.fromSystemProperties());
        SandboxClock clock = new SandboxClock();
        long seedStart = System.nanoTime();
        NexHealthSandbox nexHealth = new NexHealthSandbox(settings, clock);
        NovaMedSandbox novaMed = new NovaMedSandbox(settings, clock);
        // Many tenants (scenario 7): one NovaMed simulator per API key, each with its own limit, behind one port.
        List<String> tenantKeys = System.getProperty("bench.novamed.keys", "").isBlank() ? List.of()
                : List.of(System.getProperty("bench.novamed.keys").split(","));
        List<NovaMedSandbox> perKey = new java.util.ArrayList<>();
        for (String key : tenantKeys) {
            SandboxSettings.NovaMed own = settings.novaMed();
            perKey.add(new NovaMedSandbox(settings.withNovaMed(new SandboxSettings.NovaMed(0, key, own.clinicId(),
                    own.rateLimitPerMinute(), own.webhookSecret(), own.webhookRetryScale())), clock));
        }
        long seedMs = (System.nanoTime() - seedStart) / 1_000_000;
        nexHealth.start();
        novaMed.start();
        perKey.forEach(NovaMedSandbox::start);
        NovaMedKeyRouter router = perKey.isEmpty() ? null : NovaMedKeyRouter.start(tenantKeys, perKey);
        int statsPort = Integer.parseInt(System.getProperty("bench.stats.port", "0"));
        HttpServer stats = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), statsPort), 0);
        stats.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bench-stats");
            t.setDaemon(true);
            return t;
        }));
        stats.createContext("/stats", exchange -> {
            String body = "{\"seed_ms\":" + seedMs + ",\"nexhealth\":" + counts(List.of(nexHealth))
                    + ",\"novamed\":" + counts(perKey.isEmpty() ? List.of(novaMed) : perKey) + "}";
            send(exchange, body);
        });
        stats.createContext("/timeline", exchange -> {
            // [epoch ms, status, index of the API key (0 with one simulator)] of every NovaMed POST.
            StringBuilder body = new StringBuilder("[");
            List<NovaMedSandbox> servers = perKey.isEmpty() ? List.of(novaMed) : perKey;
            for (int k = 0; k < servers.size(); k++) {
                for (RecordedRequest r : servers.get(k).recordedRequests()) {
                    if (!"POST".equals(r.method())) {
                        continue;
                    }
                    if (body.length() > 1) {
                        body.append(',');
                    }
                    body.append('[').append(r.receivedAt().toEpochMilli()).append(',').append(r.responseStatus())
                            .append(',').append(k).append(']');
                }
            }
            send(exchange, body.append(']').toString());
        });
        stats.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stats.stop(0);
            nexHealth.stop();
            novaMed.stop();
            if (router != null) {
                router.stop();
            }
            perKey.forEach(NovaMedSandbox::stop);
            stopped.countDown();
        }, "sandbox-shutdown"));
        System.out.println("BENCH-SANDBOX-READY nexhealth=" + nexHealth.port() + " novamed="
                + (router == null ? novaMed.port() : router.port())
                + " stats=" + stats.getAddress().getPort() + " seed_ms=" + seedMs);
        System.out.flush();
        stopped.await();
    }

    /** {"GET /patients": {"200": 10}, ...} */
    private static String counts(List<? extends SandboxHttpServer> servers) {
        Map<String, Map<Integer, Integer>> counts = new TreeMap<>();
        for (SandboxHttpServer server : servers) {
            for (RecordedRequest r : server.recordedRequests()) {
                counts.computeIfAbsent(r.method() + " " + r.path(), k -> new TreeMap<>())
                        .merge(r.responseStatus(), 1, Integer::sum);
            }
        }
        StringBuilder out = new StringBuilder("{");
        counts.forEach((path, byStatus) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append('"').append(path.replace("\"", "")).append("\":{");
            StringBuilder inner = new StringBuilder();
            byStatus.forEach((status, n) -> {
                if (inner.length() > 0) {
                    inner.append(',');
                }
                inner.append('"').append(status).append("\":").append(n);
            });
            out.append(inner).append('}');
        });
        return out.append('}').toString();
    }

    private static void send(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
