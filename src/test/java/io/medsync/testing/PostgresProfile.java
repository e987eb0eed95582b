package io.medsync.testing;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Runs a {@code @QuarkusTest} against embedded PostgreSQL instead of the in-memory H2 ledger.
 *
 * <p>{@code quarkus.datasource.db-kind} is a build-time property: a test profile may change it because Quarkus
 * re-augments the application for it, but a packaged production application picks its database kind when it is
 * built ({@code ./mvnw package -Dquarkus.datasource.db-kind=postgresql}, or MEDSYNC_DB_KIND at build time); only
 * the URL and credentials can change at run time.
 */
public class PostgresProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.datasource.db-kind", "postgresql");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(EmbeddedPostgresResource.class));
    }
}
