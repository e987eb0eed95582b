package io.medsync.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.medsync.nextgen.NextGenTenantsProfile;
import io.medsync.testing.KafkaProfile;
import io.quarkus.test.junit.QuarkusTestProfile;

/** Kafka on (a real in-process broker) with the NextGen tenants, so medication orders exist to be refilled. */
public class KafkaNextGenProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(new NextGenTenantsProfile().getConfigOverrides());
        config.putAll(new KafkaProfile().getConfigOverrides());
        return config;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return new KafkaProfile().testResources();
    }
}
