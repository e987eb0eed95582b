package io.medsync.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * HTTP plumbing shared by the simulators: a JDK {@link HttpServer} on 127.0.0.1 with a fixed thread pool, request
 * parsing, the configured latency, fault injection and request recording. Subclasses only map a
 * {@link SandboxRequest} to a {@link SandboxResponse}.
 */
public abstract class SandboxHttpServer implements AutoCloseable {

    static {
        // The JDK server otherwise answers with Nagle on, adding ~40 ms to every exchange (read at class load).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final System.Logger log = System.getLogger(getClass().getName());
    private final String name;
    private final int requestedPort;
    private final int threads;
    private final Duration latency;
    private final FaultInjector faults = new FaultInjector();
    // Appends are frequent and reads rare: a synchronized list, not copy-on-write (quadratic over a long run).
    private final List<RecordedRequest> recorded = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    protected final SandboxClock clock;
    protected final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

    private HttpServer server;
    private ExecutorService executor;

    protected SandboxHttpServer(String name, int port, int threads, Duration latency, SandboxClock clock) {
        this.name = name;
        this.requestedPort = port;
        this.threads = threads > 0 ? threads : SandboxSettings.DEFAULT_THREADS_INT;
        this.latency = latency == null ? Duration.ZERO : latency;
        this.clock = clock;
    }

    /** Handles one request that no fault intercepted. */
    protected abstract SandboxResponse handle(SandboxRequest request);

    /** The vendor's 500 body, used when a handler throws. */
    protected abstract SandboxResponse internalError();

    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bind " + name + " sandbox to port " + requestedPort, e);
        }
        executor = Executors.newFixedThreadPool(threads, daemonThreads(name));
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        server.start();
        log.log(Level.INFO, "{0} sandbox listening on {1}", name, baseUri());
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
        executor = null;
        log.log(Level.INFO, "{0} sandbox stopped", name);
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean running() {
        return server != null;
    }

    /** The bound port (the real one when started on port 0). */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException(name + " sandbox is not running");
        }
        return server.getAddress().getPort();
    }

    /** e.g. {@code http://127.0.0.1:18091}; no trailing slash. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public FaultInjector faults() {
        return faults;
    }

    /** Requests in arrival order (a snapshot). */
    public List<RecordedRequest> recordedRequests() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    public void clearRecordedRequests() {
        recorded.clear();
    }

    /** Serialises {@code body} as JSON. */
    protected SandboxResponse json(int status, String contentType, Object body) {
        try {
            return new SandboxResponse(status, Map.of("Content-Type", contentType), json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise sandbox response", e);
        }
    }

    /** The request body as a JSON object. */
    protected ObjectNode parseObject(SandboxRequest request) throws IOException {
        JsonNode node = json.readTree(request.body());
        if (node == null || !node.isObject()) {
            throw new IOException("not a JSON object");
        }
        return (ObjectNode) node;
    }

    private void exchange(HttpExchange exchange) {
        try {
            SandboxRequest request = read(exchange);
            pause(latency);
            Optional<FaultInjector.Fault> fault = faults.nextFor(request.path());
            if (fault.isPresent() && fault.get() instanceof FaultInjector.Drop) {
                record(request, 0);
                log.log(Level.DEBUG, "{0} {1} {2} -> dropped by fault", name, request.method(), request.path());
                return; // closing the exchange before sending headers closes the socket
            }
            if (fault.isPresent() && fault.get() instanceof FaultInjector.LoseAnswer) {
                record(request, safeHandle(request).status());
                log.log(Level.DEBUG, "{0} {1} {2} -> handled, answer lost by fault", name, request.method(), request.path());
                return;
            }
            if (fault.isPresent() && fault.get() instanceof FaultInjector.Delay delay) {
                pause(delay.delay());
            }
            SandboxResponse response = fault.isPresent() && fault.get() instanceof FaultInjector.Respond respond
                    ? new SandboxResponse(respond.status(), respond.headers(),
                            respond.body() == null ? new byte[0] : respond.body().getBytes(StandardCharsets.UTF_8))
                    : safeHandle(request);
            // Record before writing so a test that has its response can already see the record.
            record(request, response.status());
            write(exchange, response);
            // Path only: query strings may carry PHI (name/email filters).
            log.log(Level.DEBUG, "{0} {1} {2} -> {3}", name, request.method(), request.path(), response.status());
        } catch (IOException e) {
            log.log(Level.DEBUG, "{0} sandbox I/O error: {1}", name, e.getClass().getSimpleName());
        } finally {
            exchange.close();
        }
    }

    private SandboxResponse safeHandle(SandboxRequest request) {
        try {
            return handle(request);
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "{0} sandbox handler failed for {1} {2}: {3}", name, request.method(),
                    request.path(), e.getClass().getSimpleName());
            return internalError();
        }
    }

    private void record(SandboxRequest request, int status) {
        recorded.add(new RecordedRequest(clock.instant(), request.method(), request.path(), request.rawQuery(),
                request.headers(), request.bodyText(), status));
    }

    private static SandboxRequest read(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
        URI uri = exchange.getRequestURI();
        String rawQuery = uri.getRawQuery();
        return new SandboxRequest(exchange.getRequestMethod(), uri.getPath(), rawQuery, parseQuery(rawQuery),
                Collections.unmodifiableMap(headers), body);
    }

    /** Decodes {@code a=1&b=x%20y&a=2} into ordered multi-values. */
    static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static void write(HttpExchange exchange, SandboxResponse response) throws IOException {
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void pause(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger counter = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "sandbox-" + name.toLowerCase() + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
