package io.medsync.testing;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.jboss.logging.Logger;

import kafka.server.BrokerServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Kafka cluster in-process (KRaft: one broker, one controller) for the application under test; sets
 * medsync.kafka.bootstrap-servers, which switches medsync's Kafka routes on. The inbound topic has several
 * partitions so that keying by tenant and patient matters.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    public static final int SYNC_REQUEST_PARTITIONS = 3;

    private static final Logger LOG = Logger.getLogger(KafkaBrokerResource.class);

    private static volatile KafkaClusterTestKit running;

    private KafkaClusterTestKit cluster;

    @Override
    public Map<String, String> start() {
        long started = System.nanoTime();
        try {
            cluster = newCluster();
            createTopics(cluster.bootstrapServers());
        } catch (Exception e) {
            throw new IllegalStateException("the in-process Kafka cluster did not start", e);
        }
        running = cluster;
        LOG.infof("Kafka (KRaft) started at %s in %d ms", cluster.bootstrapServers(),
                (System.nanoTime() - started) / 1_000_000);
        return Map.of("medsync.kafka.bootstrap-servers", cluster.bootstrapServers());
    }

    /** A started one-broker cluster without topics (auto-creation off), for plain JUnit tests too; close it. */
    public static KafkaClusterTestKit newCluster() throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder().setNumBrokerNodes(1).setNumControllerNodes(1).build();
        KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false")
                .build();
        kit.format();
        kit.startup();
        kit.waitForReadyBrokers();
        return kit;
    }

    /** Stops the broker of the running application's cluster (an outage); the controller stays up. */
    public static void stopBroker() {
        running.brokers().values().forEach(BrokerServer::shutdown);
    }

    /** Starts it again, on the same address. */
    public static void startBroker() throws Exception {
        running.brokers().values().forEach(BrokerServer::startup);
        running.waitForReadyBrokers();
    }

    private static void createTopics(String bootstrap) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(
                    new NewTopic("medsync.sync-requests", SYNC_REQUEST_PARTITIONS, (short) 1),
                    new NewTopic("medsync.sync-requests.dlq", 1, (short) 1),
                    new NewTopic("medsync.refill-requests", SYNC_REQUEST_PARTITIONS, (short) 1),
                    new NewTopic("medsync.refill-requests.dlq", 1, (short) 1),
                    new NewTopic("medsync.outcomes", 1, (short) 1),
                    new NewTopic("medsync.appointment-events", 1, (short) 1),
                    new NewTopic("medsync.dead-letters", 1, (short) 1),
                    new NewTopic("medsync.order-events", 1, (short) 1))).all().get();
        }
    }

    @Override
    public void stop() {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception e) {
                LOG.warnf("Kafka cluster did not close cleanly: %s", e.getClass().getSimpleName());
            }
            cluster = null;
        }
    }
}
