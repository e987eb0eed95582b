package io.medsync.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.jboss.logging.Logger;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (zonky's embedded binaries, random free port) for the application under test, so the
 * Flyway schema and the ledger's SQL are exercised on the production database and not only on H2.
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresResource.class);
    private static final String DATABASE = "postgres";
    private static final String USER = "postgres";

    private EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        long started = System.nanoTime();
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
        LOG.infof("embedded PostgreSQL started on port %d in %d ms", postgres.getPort(),
                (System.nanoTime() - started) / 1_000_000);
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.getJdbcUrl(USER, DATABASE),
                "quarkus.datasource.username", USER,
                // The embedded server trusts local connections; the password only has to be present.
                "quarkus.datasource.password", "postgres");
    }

    @Override
    public void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not stop", e);
            }
            postgres = null;
        }
    }
}
