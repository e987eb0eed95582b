package io.medsync.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Runs a {@code @QuarkusTest} against embedded PostgreSQL instead of the in-memory H2 ledger, with Kafka on (a real
 * in-process broker, {@link KafkaBrokerResource}): the ledger's SQL and the Kafka outbox's on the production
 * database, in one boot.
 *
 * <p>Patients are not safe to resend here ({@code medsync.novamed.resend.patient=in-doubt}, as medication orders
 * are everywhere), for the in-doubt tests: only an ambiguous create, which only injected faults cause, behaves
 * differently, and so the other tests here are not affected.
 *
 * <p>{@code quarkus.datasource.db-kind} is a build-time property: a test profile may change it because Quarkus
 * re-augments the application for it, but a packaged production application picks its database kind when it is
 * built ({@code ./mvnw package -Dquarkus.datasource.db-kind=postgresql}, or MEDSYNC_DB_KIND at build time); only
 * the URL and credentials can change at run time.
 */
public class PostgresProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(new KafkaProfile().getConfigOverrides());
        config.put("quarkus.datasource.db-kind", "postgresql");
        config.put("medsync.novamed.resend.patient", "in-doubt");
        return config;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(EmbeddedPostgresResource.class),
                new TestResourceEntry(KafkaBrokerResource.class));
    }
}
