package io.medsync.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A member of a consumer group with medsync's group settings ({@code medsync.kafka.consumer.*}), as the consumer
 * routes join it. {@link #main} runs one in its own JVM, so a test can kill it the way a crash would (SIGKILL: no
 * leave-group, no last heartbeat).
 */
final class GroupMember implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;

    GroupMember(String bootstrap, String group, KafkaSettings.Consumer settings) {
        this(bootstrap, group, settings.sessionTimeout().toMillis(), settings.heartbeatInterval().toMillis(),
                settings.maxPollInterval().toMillis());
    }

    private GroupMember(String bootstrap, String group, long sessionMs, long heartbeatMs, long maxPollMs) {
        consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "group.id", group,
                "session.timeout.ms", (int) sessionMs, "heartbeat.interval.ms", (int) heartbeatMs,
                "max.poll.interval.ms", (int) maxPollMs, "auto.offset.reset", "earliest",
                "enable.auto.commit", false), new StringDeserializer(), new StringDeserializer());
    }

    /** Subscribes; {@code assigned} hears the member's partitions after every rebalance. */
    void subscribe(String topic, Consumer<Collection<TopicPartition>> assigned) {
        consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                assigned.accept(consumer.assignment());
            }
        });
    }

    KafkaConsumer<String, String> consumer() {
        return consumer;
    }

    @Override
    public void close() {
        consumer.close();
    }

    /** args: bootstrap group topic sessionMs heartbeatMs maxPollMs; prints "assigned <n>" after each rebalance. */
    public static void main(String[] args) {
        GroupMember member = new GroupMember(args[0], args[1], Long.parseLong(args[3]), Long.parseLong(args[4]),
                Long.parseLong(args[5]));
        member.subscribe(args[2], partitions -> System.out.println("assigned " + partitions.size()));
        while (true) {
            member.consumer().poll(Duration.ofMillis(100));
        }
    }
}
