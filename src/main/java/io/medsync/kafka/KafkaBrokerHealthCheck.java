package io.medsync.kafka;

import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: the Kafka cluster answers (describeCluster within medsync.kafka.health-timeout). Up without a check
 * while Kafka is off: then nothing depends on a broker.
 */
@Readiness
@ApplicationScoped
public class KafkaBrokerHealthCheck implements HealthCheck {

    static final String NAME = "Kafka broker connection";

    private final KafkaSettings settings;
    private Admin admin;

    KafkaBrokerHealthCheck(KafkaSettings settings) {
        this.settings = settings;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).withData("enabled", settings.enabled());
        if (!settings.enabled()) {
            return response.up().build();
        }
        long timeout = settings.healthTimeout().toMillis();
        try {
            int brokers = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout)).nodes()
                    .get(timeout, TimeUnit.MILLISECONDS).size();
            return response.withData("brokers", brokers).status(brokers > 0).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("error", "interrupted").build();
        } catch (Exception e) {
            return response.down().withData("error", e.getClass().getSimpleName()).build();
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            var props = settings.clientProperties();
            props.put(AdminClientConfig.CLIENT_ID_CONFIG, settings.groupId() + "-health");
            props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) settings.healthTimeout().toMillis());
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) settings.healthTimeout().toMillis());
            admin = Admin.create(props);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
