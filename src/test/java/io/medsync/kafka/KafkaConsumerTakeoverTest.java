package io.medsync.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.medsync.testing.KafkaBrokerResource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * A replica killed mid-flight (SIGKILL: no leave-group) holds its partitions only until its session times out: with
 * medsync's default consumer settings another member of the group consumes them again within that bound.
 */
@Timeout(120)
class KafkaConsumerTakeoverTest {

    private static final String TOPIC = "takeover";
    private static final String GROUP = "medsync-takeover";
    private static final int PARTITIONS = 3;

    @Test
    void aKilledMembersPartitionsAreConsumedAgainWithinTheSessionTimeout() throws Exception {
        try (KafkaClusterTestKit cluster = KafkaBrokerResource.newCluster();
                Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
            KafkaSettings.Consumer settings = new SmallRyeConfigBuilder().withMapping(KafkaSettings.class)
                    .withDefaultValue("medsync.kafka.bootstrap-servers", cluster.bootstrapServers()).build()
                    .getConfigMapping(KafkaSettings.class).consumer();
            Process doomed = memberInItsOwnJvm(cluster.bootstrapServers(), settings);
            AtomicInteger doomedPartitions = new AtomicInteger();
            readLines(doomed, line -> {
                if (line.startsWith("assigned ")) {
                    doomedPartitions.set(Integer.parseInt(line.substring("assigned ".length())));
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> doomedPartitions.get() == PARTITIONS);

            Set<Integer> survivorPartitions = ConcurrentHashMap.newKeySet();
            List<Integer> consumedFrom = new CopyOnWriteArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            Thread survivor = new Thread(() -> {
                try (GroupMember member = new GroupMember(cluster.bootstrapServers(), GROUP, settings)) {
                    member.subscribe(TOPIC, assigned -> {
                        survivorPartitions.clear();
                        assigned.forEach(p -> survivorPartitions.add(p.partition()));
                    });
                    while (!stop.get()) {
                        member.consumer().poll(Duration.ofMillis(100)).forEach(r -> consumedFrom.add(r.partition()));
                    }
                }
            }, "survivor");
            survivor.start();
            // The group splits the partitions between the two members.
            await().atMost(Duration.ofSeconds(30)).until(() -> !survivorPartitions.isEmpty()
                    && survivorPartitions.size() < PARTITIONS && doomedPartitions.get() > 0);

            doomed.destroyForcibly().waitFor();
            long killed = System.nanoTime();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                    cluster.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                for (int p = 0; p < PARTITIONS; p++) {
                    producer.send(new ProducerRecord<>(TOPIC, p, "k" + p, "request " + p));
                }
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> Set.copyOf(consumedFrom).size() == PARTITIONS);
            Duration resumed = Duration.ofNanos(System.nanoTime() - killed);
            stop.set(true);
            survivor.join();

            System.out.printf("partitions of the killed member consumed again %d ms after the kill"
                    + " (session timeout %s, heartbeat %s)%n", resumed.toMillis(), settings.sessionTimeout(),
                    settings.heartbeatInterval());
            // The dead member's session expires, then the survivor hears of the rebalance at its next heartbeat.
            assertThat(resumed).isLessThanOrEqualTo(settings.sessionTimeout().plus(
                    settings.heartbeatInterval().multipliedBy(2)));
        }
    }

    private static Process memberInItsOwnJvm(String bootstrap, KafkaSettings.Consumer settings) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), GroupMember.class.getName(),
                bootstrap, GROUP, TOPIC, String.valueOf(settings.sessionTimeout().toMillis()),
                String.valueOf(settings.heartbeatInterval().toMillis()),
                String.valueOf(settings.maxPollInterval().toMillis())).redirectErrorStream(true).start();
    }

    private static void readLines(Process process, java.util.function.Consumer<String> onLine) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                in.lines().forEach(onLine);
            } catch (java.io.IOException e) {
                // the process is gone
            }
        }, "doomed-member-output");
        reader.setDaemon(true);
        reader.start();
    }
}
