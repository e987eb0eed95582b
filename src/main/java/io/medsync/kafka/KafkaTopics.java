package io.medsync.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * What medsync asks the cluster itself (one admin client, created on first use): is it there, which of the configured
 * topics it lacks, and creating those when {@code medsync.kafka.create-topics} is on. Every call waits at most
 * {@code medsync.kafka.health-timeout}.
 */
@ApplicationScoped
public class KafkaTopics {

    private final KafkaSettings settings;
    private Admin admin;

    KafkaTopics(KafkaSettings settings) {
        this.settings = settings;
    }

    /** How many brokers answer. @throws KafkaUnreachableException when the cluster does not answer in time */
    public int brokers() {
        long timeout = settings.healthTimeout().toMillis();
        return answer(admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout)).nodes()).size();
    }

    /** The configured topics the cluster does not have, in configuration order. */
    public List<String> missing() {
        long timeout = settings.healthTimeout().toMillis();
        Set<String> present = answer(admin().listTopics(new ListTopicsOptions().timeoutMs((int) timeout)).names());
        return settings.allTopics().stream().distinct().filter(t -> !present.contains(t)).toList();
    }

    public boolean exists(String topic) {
        long timeout = settings.healthTimeout().toMillis();
        return answer(admin().listTopics(new ListTopicsOptions().timeoutMs((int) timeout)).names()).contains(topic);
    }

    /** Whether the topic exists, after creating it when medsync.kafka.create-topics is on. */
    public boolean ensure(String topic) {
        if (exists(topic)) {
            return true;
        }
        if (!settings.createTopics()) {
            return false;
        }
        create(List.of(topic));
        return true;
    }

    /** Creates the given topics with the configured partitions and replication; returns those it created. */
    public List<String> create(List<String> topics) {
        Optional<Integer> partitions = settings.topicPartitions();
        Optional<Short> replication = settings.topicReplication();
        List<String> created = new ArrayList<>();
        for (String topic : topics) {
            try {
                answer(admin().createTopics(List.of(new NewTopic(topic, partitions, replication))).all());
                created.add(topic);
            } catch (KafkaUnreachableException e) {
                if (!(e.getCause() instanceof TopicExistsException)) { // another replica was quicker: fine
                    throw e;
                }
            }
        }
        return created;
    }

    private <T> T answer(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(settings.healthTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnreachableException("interrupted", e);
        } catch (ExecutionException e) {
            throw new KafkaUnreachableException(e.getCause().getClass().getSimpleName(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaUnreachableException("no answer within " + settings.healthTimeout(), e);
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            var props = settings.clientProperties();
            props.put(AdminClientConfig.CLIENT_ID_CONFIG, settings.groupId() + "-admin");
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

    /** The cluster did not answer (or refused); the message names the kind of failure, never a record. */
    public static final class KafkaUnreachableException extends RuntimeException {
        KafkaUnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
