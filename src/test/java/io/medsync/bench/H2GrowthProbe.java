package io.medsync.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Stand-alone measurement of the embedded H2 ledger file (not a test): how the file grows under the ledger's write
 * pattern (per record: insert pending, in-flight mark with the sealed payload, delivered, each its own commit) with
 * the app's URL options, and whether a maintenance strategy keeps it bounded without losing a committed transition
 * to {@code kill -9}. Single-threaded on purpose (the machine is shared).
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$H2_JAR io.medsync.bench.H2GrowthProbe growth \
 *     --dir=/tmp/h2probe --rows=20000 --options=';WRITE_DELAY=0' --checkpoint=none|every:2000|ms:1000[:sync]
 * java -cp ... io.medsync.bench.H2GrowthProbe crash --dir=/tmp/h2crash --kills=5 --options=... --checkpoint=...
 * </pre>
 */
public final class H2GrowthProbe {

    private static final String[] STATES = { "PENDING", "IN_FLIGHT", "DELIVERED" };

    private final Map<String, String> args;
    private final Path dir;
    private final String url;

    private H2GrowthProbe(Map<String, String> args) {
        this.args = args;
        this.dir = Path.of(args.getOrDefault("dir", "/tmp/h2probe")).toAbsolutePath();
        this.url = "jdbc:h2:file:" + dir.resolve("ledger") + ";DB_CLOSE_ON_EXIT=FALSE"
                + args.getOrDefault("options", ";WRITE_DELAY=0");
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (int i = 1; i < argv.length; i++) {
            String a = argv[i].replaceFirst("^--", "");
            int eq = a.indexOf('=');
            args.put(eq < 0 ? a : a.substring(0, eq), eq < 0 ? "true" : a.substring(eq + 1));
        }
        H2GrowthProbe probe = new H2GrowthProbe(args);
        switch (argv[0]) {
            case "growth" -> probe.growth();
            case "crash" -> probe.crash();
            case "child" -> probe.child();
            default -> throw new IllegalArgumentException("growth | crash");
        }
    }

    // ---------------------------------------------------------------- growth

    private void growth() throws Exception {
        deleteDir();
        int rows = Integer.parseInt(args.getOrDefault("rows", "20000"));
        int every = Integer.parseInt(args.getOrDefault("report", "5000"));
        System.out.printf("url=%s checkpoint=%s rows=%d%n", url.substring(url.indexOf(';')),
                args.getOrDefault("checkpoint", "none"), rows);
        try (Connection c = open()) {
            migrate(c);
            Maintenance maintenance = new Maintenance(args.getOrDefault("checkpoint", "none"));
            maintenance.start();
            Workload w = new Workload(c, "g");
            long start = System.nanoTime();
            long intervalStart = start;
            long maxSize = 0;
            for (int i = 1; i <= rows; i++) {
                for (int step = 0; step < 3; step++) {
                    w.step(i, step);
                    maintenance.afterCommit(c);
                }
                maxSize = Math.max(maxSize, fileSize());
                if (i % every == 0) {
                    long now = System.nanoTime();
                    System.out.printf("rows=%6d commits=%6d file=%8.1f MB max=%8.1f MB elapsed=%6.1f s"
                            + " commits/s(interval)=%6.0f %s%n", i, w.commits, mb(fileSize()), mb(maxSize),
                            (now - start) / 1e9, every * 3 / ((now - intervalStart) / 1e9), info(c));
                    intervalStart = now;
                }
            }
            maintenance.stop();
            double secs = (System.nanoTime() - start) / 1e9;
            System.out.printf("RESULT commits=%d secs=%.1f commits/s=%.0f final=%.1f MB max=%.1f MB checkpoints=%d%n",
                    w.commits, secs, w.commits / secs, mb(fileSize()), mb(maxSize), maintenance.count);
        }
        System.out.printf("after close: %.1f MB%n", mb(fileSize()));
    }

    // ---------------------------------------------------------------- crash

    /**
     * Starts a child JVM that runs the workload and prints every transition after its commit returned, kills it with
     * SIGKILL at a random moment, reopens the database and checks every printed transition is there.
     */
    private void crash() throws Exception {
        deleteDir();
        try (Connection c = open()) {
            migrate(c);
        }
        int kills = Integer.parseInt(args.getOrDefault("kills", "5"));
        Random random = new Random();
        long verified = 0;
        long missing = 0;
        for (int round = 1; round <= kills; round++) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", "-cp",
                    System.getProperty("java.class.path"), H2GrowthProbe.class.getName(), "child", "--round=" + round));
            args.forEach((k, v) -> cmd.add("--" + k + "=" + v));
            Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Map<Integer, Integer> printed = new ConcurrentHashMap<>();
            Thread reader = new Thread(() -> readTransitions(child, printed));
            reader.start();
            long runMillis = 1500 + random.nextInt(3000);
            // Kill only once the child is writing (JVM start-up takes a moment on a busy machine).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (printed.isEmpty() && System.nanoTime() < deadline && child.isAlive()) {
                reader.join(50);
            }
            child.waitFor(runMillis, TimeUnit.MILLISECONDS);
            child.destroyForcibly(); // SIGKILL on Linux
            child.waitFor();
            reader.join();
            Map<Integer, Integer> stored = new HashMap<>();
            try (Connection c = open(); PreparedStatement ps = c.prepareStatement(
                    "select source_id, state from ledger_record where source_id like ?")) {
                ps.setString(1, "r" + round + "-%");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stored.put(Integer.parseInt(rs.getString(1).substring(rs.getString(1).indexOf('-') + 1)),
                                List.of(STATES).indexOf(rs.getString(2)));
                    }
                }
                long roundMissing = printed.entrySet().stream()
                        .filter(e -> stored.getOrDefault(e.getKey(), -1) < e.getValue()).count();
                verified += printed.size();
                missing += roundMissing;
                System.out.printf("round %d: killed after %d ms, %d records printed as committed, %d in the ledger,"
                        + " %d committed transitions missing, file %.1f MB, %s%n", round, runMillis, printed.size(),
                        stored.size(), roundMissing, mb(fileSize()), info(c));
            }
        }
        System.out.printf("RESULT kills=%d records verified=%d missing=%d%n", kills, verified, missing);
    }

    private static void readTransitions(Process child, Map<Integer, Integer> printed) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] parts = line.split(" ");
                if (parts.length == 3 && parts[0].equals("C")) {
                    printed.merge(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), Math::max);
                }
            }
        } catch (IOException killed) {
            // the child is gone
        }
    }

    private void child() throws Exception {
        try (Connection c = open()) {
            Maintenance maintenance = new Maintenance(args.getOrDefault("checkpoint", "none"));
            maintenance.start();
            Workload w = new Workload(c, "r" + args.get("round"));
            for (int i = 1; ; i++) {
                for (int step = 0; step < 3; step++) {
                    w.step(i, step);
                    System.out.println("C " + i + " " + step);
                    System.out.flush();
                    maintenance.afterCommit(c);
                }
            }
        }
    }

    // ---------------------------------------------------------------- workload

    /** The ledger's pattern for one record: check (select + insert pending), in-flight mark with payload, delivered. */
    private static final class Workload {
        private final PreparedStatement find;
        private final PreparedStatement insert;
        private final PreparedStatement inFlight;
        private final PreparedStatement delivered;
        private final String prefix;
        private final Random random = new Random(42);
        long commits;

        Workload(Connection c, String prefix) throws SQLException {
            this.prefix = prefix;
            String key = " where tenant_id = 'bench' and source_system = 'nexhealth' and resource_type = 'patient'"
                    + " and source_id = ?";
            find = c.prepareStatement("select * from ledger_record" + key);
            insert = c.prepareStatement("insert into ledger_record (tenant_id, source_system, resource_type, source_id,"
                    + " content_hash, state, attempts, created_at, updated_at) values ('bench', 'nexhealth', 'patient',"
                    + " ?, ?, 'PENDING', 0, ?, ?)");
            inFlight = c.prepareStatement("update ledger_record set state = 'IN_FLIGHT', attempts = attempts + 1,"
                    + " payload_key_id = 'k1', payload = ?, blocked_on = null, updated_at = ?" + key
                    + " and state = 'PENDING'");
            delivered = c.prepareStatement("update ledger_record set state = 'DELIVERED', novamed_id = ?,"
                    + " last_error = null, payload_key_id = null, payload = null, updated_at = ?, delivered_at = ?"
                    + key);
        }

        void step(int i, int step) throws SQLException {
            String id = prefix + "-" + i;
            Timestamp now = new Timestamp(System.currentTimeMillis());
            switch (step) {
                case 0 -> {
                    find.setString(1, id);
                    try (ResultSet rs = find.executeQuery()) {
                        rs.next();
                    }
                    insert.setString(1, id);
                    insert.setString(2, hex(32));
                    insert.setTimestamp(3, now);
                    insert.setTimestamp(4, now);
                    insert.executeUpdate();
                }
                case 1 -> {
                    // a sealed patient payload: AES-GCM of ~1 KB of JSON, base64
                    byte[] sealed = new byte[1050];
                    random.nextBytes(sealed);
                    inFlight.setString(1, Base64.getEncoder().encodeToString(sealed));
                    inFlight.setTimestamp(2, now);
                    inFlight.setString(3, id);
                    check(inFlight.executeUpdate());
                }
                default -> {
                    delivered.setString(1, UUID.randomUUID().toString());
                    delivered.setTimestamp(2, now);
                    delivered.setTimestamp(3, now);
                    delivered.setString(4, id);
                    check(delivered.executeUpdate());
                }
            }
            commits++;
        }

        private static void check(int updated) {
            if (updated != 1) {
                throw new IllegalStateException("updated " + updated);
            }
        }

        private String hex(int bytes) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < bytes; i++) {
                sb.append(String.format("%02x", random.nextInt(256)));
            }
            return sb.toString();
        }
    }

    // ---------------------------------------------------------------- maintenance candidates

    /**
     * none | every:N (a CHECKPOINT after every N commits, same connection) | ms:T (CHECKPOINT from another thread
     * every T ms); a trailing :sync makes it CHECKPOINT SYNC | compact:T[:F] (every T ms from another thread, the
     * MVStore's own compaction: rewrite the live pages of chunks while the chunks' fill rate is under F %, default 80).
     */
    private final class Maintenance {
        private final String statement;
        private final int everyCommits;
        private final long everyMillis;
        private final int compactFillRate;
        private volatile boolean running;
        private Thread thread;
        private int commits;
        volatile int count;

        Maintenance(String spec) {
            String[] parts = spec.split(":");
            this.statement = spec.endsWith(":sync") ? "CHECKPOINT SYNC" : "CHECKPOINT";
            this.everyCommits = parts[0].equals("every") ? Integer.parseInt(parts[1]) : 0;
            this.everyMillis = parts[0].equals("ms") || parts[0].equals("compact") ? Long.parseLong(parts[1]) : 0;
            this.compactFillRate = parts[0].equals("compact") ? (parts.length > 2 ? Integer.parseInt(parts[2]) : 80)
                    : 0;
        }

        void afterCommit(Connection c) throws SQLException {
            if (everyCommits > 0 && ++commits % everyCommits == 0) {
                try (Statement s = c.createStatement()) {
                    s.execute(statement);
                }
                count++;
            }
        }

        void start() {
            if (everyMillis <= 0) {
                return;
            }
            running = true;
            thread = new Thread(() -> {
                try (Connection c = open(); Statement s = c.createStatement()) {
                    while (running) {
                        TimeUnit.MILLISECONDS.sleep(everyMillis); // a timer, not a synchronisation
                        if (compactFillRate > 0) {
                            org.h2.mvstore.MVStore store = ((org.h2.engine.SessionLocal) c
                                    .unwrap(org.h2.jdbc.JdbcConnection.class).getSession()).getDatabase().getStore()
                                    .getMvStore();
                            store.compact(compactFillRate, 4 * 1024 * 1024);
                        } else {
                            s.execute(statement);
                        }
                        count++;
                    }
                } catch (Exception e) {
                    if (running) {
                        e.printStackTrace();
                    }
                }
            }, "h2-maintenance");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            if (thread != null) {
                thread.join();
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private Connection open() throws SQLException {
        return DriverManager.getConnection(url, "medsync", "medsync");
    }

    private static void migrate(Connection c) throws IOException, SQLException {
        for (int v = 1; ; v++) {
            int version = v;
            Path migration;
            try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
                migration = files.filter(p -> p.getFileName().toString().startsWith("V" + version + "__"))
                        .findFirst().orElse(null);
            }
            if (migration == null) {
                return;
            }
            try (Statement s = c.createStatement()) {
                s.execute(Files.readString(migration));
            }
        }
    }

    private static String info(Connection c) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select setting_name, setting_value"
                + " from information_schema.settings where setting_name in ('info.CHUNK_COUNT',"
                + " 'info.CHUNKS_FILL_RATE', 'info.FILL_RATE')")) {
            while (rs.next()) {
                sb.append(rs.getString(1).substring(5).toLowerCase()).append('=').append(rs.getString(2)).append(' ');
            }
        }
        return sb.toString().trim();
    }

    private long fileSize() throws IOException {
        Path f = dir.resolve("ledger.mv.db");
        return Files.exists(f) ? Files.size(f) : 0;
    }

    private static double mb(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }

    private void deleteDir() throws IOException {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
    }
}
