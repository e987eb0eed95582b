package io.medsync.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL ledger of the benchmark: one embedded server (zonky's binaries, as the tests use, in its own
 * processes) for the harness run, and a fresh database for every medsync run, so each run starts from an empty
 * ledger as it does with a fresh H2 file.
 */
final class BenchPostgres implements AutoCloseable {

    private static final String USER = "postgres";

    private final EmbeddedPostgres server;
    private final AtomicInteger databases = new AtomicInteger();

    private BenchPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    static BenchPostgres start() {
        try {
            return new BenchPostgres(EmbeddedPostgres.builder().start());
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /** The datasource settings of a new, empty database (Flyway creates the schema when medsync starts). */
    Map<String, String> freshDatabase() {
        String name = "bench_" + databases.incrementAndGet();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return Map.of("quarkus.datasource.jdbc.url", server.getJdbcUrl(USER, name),
                "quarkus.datasource.username", USER,
                // The embedded server trusts local connections; the password only has to be present.
                "quarkus.datasource.password", "postgres");
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not stop", e);
        }
    }
}
