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

    private static volatile TcpProxy running;
    private EmbeddedPostgres postgres;
    private TcpProxy proxy;

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
        // The application reaches the server through a proxy, so a test can take the database away and bring it
        // back at the same address: a restart as the application sees it (connections break, then are refused).
        try {
            proxy = new TcpProxy();
            proxy.forwardTo(postgres.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("the PostgreSQL proxy did not start", e);
        }
        running = proxy;
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + proxy.port() + "/" + DATABASE
                        + "?user=" + USER,
                "quarkus.datasource.username", USER,
                // The embedded server trusts local connections; the password only has to be present.
                "quarkus.datasource.password", "postgres");
    }

    /** Takes the database away from the running application: its connections break, new ones are refused. */
    public static void stopDatabase() throws IOException {
        running.cut();
    }

    /** Brings it back at the same address (the same data: only the application's connections were lost). */
    public static void startDatabase() throws IOException {
        running.restore();
    }

    @Override
    public void stop() {
        if (proxy != null) {
            try {
                proxy.close();
            } catch (IOException e) {
                LOG.warnf("PostgreSQL proxy did not close cleanly: %s", e.getClass().getSimpleName());
            }
            proxy = null;
        }
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
