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


import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Kafka cluster in-process (KRaft: one broker, one controller) for the application under test; sets
 * medsync.kafka.bootstrap-servers, which switches medsync's Kafka routes on. The inbound topic has several
 * partitions so that keying by tenant and patient matters.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    public static final int SYNC_REQUEST_PARTITIONS = 3;

    private static final Logger LOG = Logger.getLogger(KafkaBrokerResource.class);

    private static volatile TcpProxy running;
    private TcpProxy proxy;

    private KafkaClusterTestKit cluster;

    @Override
    public Map<String, String> start() {
        long started = System.nanoTime();
        String bootstrap;
        try {
            // Clients reach the broker through a proxy (the address the broker advertises), so a test can cut them
            // off and reconnect them: a broker outage as the application sees it.
            proxy = new TcpProxy();
            cluster = newCluster(Map.of("advertised.listeners", "EXTERNAL://localhost:" + proxy.port()));
            String real = cluster.bootstrapServers();
            proxy.forwardTo(Integer.parseInt(real.substring(real.lastIndexOf(':') + 1)));
            bootstrap = "localhost:" + proxy.port();
            createTopics(bootstrap);
        } catch (Exception e) {
            throw new IllegalStateException("the in-process Kafka cluster did not start", e);
        }
        running = proxy;
        LOG.infof("Kafka (KRaft) started at %s in %d ms", bootstrap, (System.nanoTime() - started) / 1_000_000);
        return Map.of("medsync.kafka.bootstrap-servers", bootstrap);
    }

    /** A started one-broker cluster without topics (auto-creation off), for plain JUnit tests too; close it. */
    public static KafkaClusterTestKit newCluster() throws Exception {
        return newCluster(Map.of());
    }

    private static KafkaClusterTestKit newCluster(Map<String, String> brokerProperties) throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder().setNumBrokerNodes(1).setNumControllerNodes(1)
                .setPerServerProperties(Map.of(0, brokerProperties)).build();
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

    /** Cuts the running application off its broker (an outage as clients see it). */
    public static void stopBroker() throws Exception {
        running.cut();
    }

    /** Lets it reach the broker again, at the same address. */
    public static void startBroker() throws Exception {
        running.restore();
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
        if (proxy != null) {
            try {
                proxy.close();
            } catch (java.io.IOException e) {
                LOG.warnf("Kafka proxy did not close cleanly: %s", e.getClass().getSimpleName());
            }
            proxy = null;
        }
    }
}
