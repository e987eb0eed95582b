package io.medsync.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Kafka on ({@link KafkaBrokerResource}) with the ledger on embedded PostgreSQL: the outbox on the production database. */
public class KafkaOnPostgresProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(new KafkaProfile().getConfigOverrides());
        overrides.putAll(new PostgresProfile().getConfigOverrides());
        return overrides;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(EmbeddedPostgresResource.class),
                new TestResourceEntry(KafkaBrokerResource.class));
    }
}
