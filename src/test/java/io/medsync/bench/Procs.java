package io.medsync.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Child processes of the harness: every one is registered and killed when the harness exits, whatever happens. */
final class Procs {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }), "bench-cleanup"));
    }

    private Procs() {
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static Process start(List<String> command, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        LIVE.add(p);
        return p;
    }

    static void stop(Process p, boolean graceful) throws InterruptedException {
        if (graceful) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } else {
            p.destroyForcibly();
        }
        p.waitFor(30, TimeUnit.SECONDS);
        LIVE.remove(p);
    }

    /** Polls {@code condition} every {@code everyMs} until it holds; fails after {@code deadline}. */
    static void await(String what, Duration deadline, long everyMs, BooleanSupplier condition) {
        Awaitility.await(what).atMost(deadline).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(everyMs)).until(condition::getAsBoolean);
    }

    static boolean portAnswers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    // ---- /proc sampling -----------------------------------------------------------------------------------------

    /** VmRSS and VmHWM in KiB (-1 if the process is gone). */
    static long[] memory(long pid) {
        try {
            long rss = -1;
            long hwm = -1;
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("\\D", ""));
                } else if (line.startsWith("VmHWM:")) {
                    hwm = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return new long[] {rss, hwm};
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }

    /** utime + stime from /proc/pid/stat (fields 14 and 15), -1 if gone. */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Samples a process's RSS every 50 ms until it exits; peak = max(VmRSS seen, last VmHWM seen). */
    static final class RssSampler extends Thread {
        private final long pid;
        private volatile boolean stop;
        volatile long peakKb = -1;
        /** utime + stime of the process in clock ticks (1/100 s on Linux), as last sampled. */
        volatile long cpuTicks = -1;

        RssSampler(long pid) {
            super("rss-" + pid);
            setDaemon(true);
            this.pid = pid;
        }

        @Override
        public void run() {
            while (!stop) {
                long[] m = memory(pid);
                if (m[0] < 0) {
                    return;
                }
                peakKb = Math.max(peakKb, Math.max(m[0], m[1]));
                long ticks = cpuTicks(pid);
                if (ticks >= 0) {
                    cpuTicks = ticks;
                }
                // The sampling cadence of the RSS/CPU probe (not synchronisation: nothing waits on it).
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        }

        void finish() throws InterruptedException {
            stop = true;
            join(2000);
        }
    }

    // ---- GC log -------------------------------------------------------------------------------------------------

    private static final Pattern GC = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    /** From a {@code -Xlog:gc} file: {max heap used before a GC, max after a GC, max committed, GC count} in MiB. */
    static long[] gcPeaks(Path log) throws IOException {
        long before = 0;
        long after = 0;
        long committed = 0;
        long count = 0;
        if (!Files.exists(log)) {
            return new long[] {-1, -1, -1, 0};
        }
        for (String line : Files.readAllLines(log)) {
            Matcher m = GC.matcher(line);
            if (m.find()) {
                before = Math.max(before, mib(m.group(1), m.group(2)));
                after = Math.max(after, mib(m.group(3), m.group(4)));
                committed = Math.max(committed, mib(m.group(5), m.group(6)));
                count++;
            }
        }
        return new long[] {before, after, committed, count};
    }

    private static long mib(String n, String unit) {
        long v = Long.parseLong(n);
        return switch (unit) {
            case "K" -> v / 1024;
            case "G" -> v * 1024;
            default -> v;
        };
    }

    // ---- the sandbox JVM ----------------------------------------------------------------------------------------

    /** Both simulators in their own JVM ({@link BenchSandboxMain}), fresh data on every start. */
    static final class Sandbox implements AutoCloseable {
        final Process process;
        final int nexPort;
        final int novaPort;
        final int statsPort;
        final long seedMs;
        final long startMs;

        private Sandbox(Process process, int nexPort, int novaPort, int statsPort, long seedMs, long startMs) {
            this.process = process;
            this.nexPort = nexPort;
            this.novaPort = novaPort;
            this.statsPort = statsPort;
            this.seedMs = seedMs;
            this.startMs = startMs;
        }

        static Sandbox start(BenchConfig cfg, int providers, int patients, int novaLimit, Path log) throws Exception {
            return start(cfg, providers, patients, novaLimit, List.of(), log);
        }

        /** @param novaMedKeys one NovaMed simulator per key behind one port (empty: the one simulator of the settings) */
        static Sandbox start(BenchConfig cfg, int providers, int patients, int novaLimit, List<String> novaMedKeys,
                Path log) throws Exception {
            List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx3g",
                    "-Dbench.novamed.keys=" + String.join(",", novaMedKeys),
                    "-Dsun.net.httpserver.nodelay=" + cfg.sandboxNoDelay,
                    "-Dmedsync.sandbox.seed.providers=" + providers,
                    "-Dmedsync.sandbox.seed.patients=" + patients,
                    "-Dmedsync.sandbox.latency=" + cfg.latency,
                    "-Dmedsync.sandbox.threads=" + cfg.sandboxThreads,
                    "-Dmedsync.sandbox.nexhealth.port=0",
                    "-Dmedsync.sandbox.novamed.port=0",
                    "-Dmedsync.sandbox.novamed.rate-limit-per-minute=" + novaLimit,
                    "-Dbench.stats.port=0",
                    "-cp", System.getProperty("java.class.path"), BenchSandboxMain.class.getName()));
            long t0 = System.nanoTime();
            Process p = Procs.start(cmd, log);
            String[] ready = new String[1];
            await("the sandbox JVM to print its ports (" + log + ")", Duration.ofMinutes(5), 50, () -> {
                if (!p.isAlive()) {
                    throw new IllegalStateException("sandbox JVM exited with " + p.exitValue() + ", see " + log);
                }
                try {
                    for (String line : Files.readAllLines(log)) {
                        if (line.startsWith("BENCH-SANDBOX-READY")) {
                            ready[0] = line;
                            return true;
                        }
                    }
                } catch (IOException ignored) {
                    // not written yet
                }
                return false;
            });
            Matcher m = Pattern.compile("nexhealth=(\\d+) novamed=(\\d+) stats=(\\d+) seed_ms=(\\d+)").matcher(ready[0]);
            if (!m.find()) {
                throw new IllegalStateException("unexpected ready line " + ready[0]);
            }
            Sandbox s = new Sandbox(p, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Long.parseLong(m.group(4)), (System.nanoTime() - t0) / 1_000_000);
            await("the sandbox ports to answer", Duration.ofSeconds(30), 20,
                    () -> portAnswers(s.nexPort) && portAnswers(s.novaPort) && portAnswers(s.statsPort));
            return s;
        }

        String nexBase() {
            return "http://127.0.0.1:" + nexPort;
        }

        String novaBase() {
            return "http://127.0.0.1:" + novaPort;
        }

        JsonNode stats() throws IOException, InterruptedException {
            return JSON.readTree(get("http://127.0.0.1:" + statsPort + "/stats"));
        }

        /** [epochMs, status] of every NovaMed POST. */
        JsonNode timeline() throws IOException, InterruptedException {
            return JSON.readTree(get("http://127.0.0.1:" + statsPort + "/timeline"));
        }

        @Override
        public void close() throws InterruptedException {
            stop(process, false);
        }
    }

    /** Sum of requests of a simulator in a /stats answer, optionally for one status only (0 = all). */
    static long count(JsonNode serverStats, String pathPrefix, int status) {
        long n = 0;
        for (Map.Entry<String, JsonNode> e : iterable(serverStats.fields())) {
            if (!e.getKey().contains(pathPrefix)) {
                continue;
            }
            for (Map.Entry<String, JsonNode> s : iterable(e.getValue().fields())) {
                if (status == 0 || Integer.parseInt(s.getKey()) == status) {
                    n += s.getValue().asLong();
                }
            }
        }
        return n;
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
        List<T> list = new ArrayList<>();
        it.forEachRemaining(list::add);
        return Collections.unmodifiableList(list);
    }
}
