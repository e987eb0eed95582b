package io.medsync.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** What a user of medsync's topics does: produce requests, read topics, look at the consumer group's lag. */
final class KafkaTestClient implements AutoCloseable {

    private final String bootstrap;
    private final Admin admin;
    private final KafkaProducer<String, byte[]> producer;

    KafkaTestClient(String bootstrap) {
        this.bootstrap = bootstrap;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        this.admin = Admin.create(props);
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
    }

    void produce(String topic, List<ProducerRecord<String, byte[]>> records) throws Exception {
        for (ProducerRecord<String, byte[]> r : records) {
            producer.send(new ProducerRecord<>(topic, r.key(), r.value()));
        }
        producer.flush();
    }

    static ProducerRecord<String, byte[]> record(String key, String value) {
        return new ProducerRecord<>("unused", key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** The end offset of every partition of the topic: where records produced from now on start. */
    Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        Set<TopicPartition> partitions = partitions(topic);
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all().get().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** How many records of the topic the group has not committed yet. */
    long lag(String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> end : endOffsets(topic).entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            lag += end.getValue() - (done == null ? 0 : done.offset());
        }
        return lag;
    }

    /** Every record of the topic from the given offsets (from the start where none is given) to its current end. */
    List<ConsumerRecord<String, byte[]>> readFrom(String topic, Map<TopicPartition, Long> from) throws Exception {
        Map<TopicPartition, Long> end = endOffsets(topic);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(end.keySet());
            end.keySet().forEach(p -> consumer.seek(p, from.getOrDefault(p, 0L)));
            while (end.keySet().stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        records.add(r);
                    }
                }
            }
        }
        return records;
    }

    List<ConsumerRecord<String, byte[]>> readAll(String topic) throws Exception {
        return readFrom(topic, Map.of());
    }

    private Set<TopicPartition> partitions(String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toSet());
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}
