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
 * <p>Only the URL and credentials change: the application's one datasource opens H2 or PostgreSQL by the URL's
 * scheme (ledger/LedgerDriver), as the packaged application does.
 */
public class PostgresProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(new KafkaProfile().getConfigOverrides());
        config.put("medsync.novamed.resend.patient", "in-doubt");
        return config;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(EmbeddedPostgresResource.class),
                new TestResourceEntry(KafkaBrokerResource.class));
    }
}
