package io.medsync.bench.chaos;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import io.medsync.testing.TcpProxy;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The ledger database and the Kafka broker of the chaos run, each restartable in place: the same data, the same
 * address, as when an operator restarts the server (not a fresh one).
 */
final class Backends {

    private Backends() {
    }

    /** Embedded PostgreSQL (zonky, as the tests start it) on a fixed port and data directory that survive a restart. */
    static final class Postgres implements AutoCloseable {
        private final Path dataDir;
        private final int port;
        private EmbeddedPostgres server;

        Postgres(Path dataDir, int port) throws IOException {
            this.dataDir = dataDir;
            this.port = port;
            server = start();
        }

        /** Never cleaned by zonky (it would delete the data on close): the scenario starts from an empty directory. */
        private EmbeddedPostgres start() throws IOException {
            return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port)
                    .start();
        }

        /** Stops the server (every connection of the application breaks) and starts it again on the same data. */
        void restart() throws IOException {
            server.close();
            server = start();
        }

        Map<String, String> appSettings() {
            return Map.of("quarkus.datasource.jdbc.url", jdbcUrl(), "quarkus.datasource.username", "postgres",
                    "quarkus.datasource.password", "postgres");
        }

        String jdbcUrl() {
            return "jdbc:postgresql://localhost:" + port + "/postgres";
        }

        @Override
        public void close() throws IOException {
            if (server != null) {
                server.close();
                server = null;
            }
        }
    }

    /**
     * A one-broker KRaft cluster in this JVM (as {@code testing/KafkaBrokerResource} starts it) behind a TCP proxy
     * whose address the broker advertises, so a restarted broker (new listener port) keeps the clients' address.
     */
    static final class Kafka implements AutoCloseable {
        private final TcpProxy proxy;
        private final KafkaClusterTestKit cluster;

        Kafka() throws Exception {
            proxy = new TcpProxy();
            TestKitNodes nodes = new TestKitNodes.Builder().setNumBrokerNodes(1).setNumControllerNodes(1)
                    .setPerServerProperties(Map.of(0, Map.of("advertised.listeners",
                            "EXTERNAL://localhost:" + proxy.port())))
                    .build();
            cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            proxy.forwardTo(brokerPort());
            createTopics();
        }

        String bootstrap() {
            return "localhost:" + proxy.port();
        }

        /** Shuts the broker down (clients see their connections close) and starts it again with its log intact. */
        void restart() throws Exception {
            proxy.cut();
            var broker = cluster.brokers().values().iterator().next();
            broker.shutdown();
            broker.awaitShutdown();
            broker.startup();
            cluster.waitForReadyBrokers();
            proxy.forwardTo(brokerPort());
        }

        private int brokerPort() {
            String real = cluster.bootstrapServers();
            return Integer.parseInt(real.substring(real.lastIndexOf(':') + 1));
        }

        Properties clientProperties() {
            Properties props = new Properties();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
            return props;
        }

        private void createTopics() throws Exception {
            try (Admin admin = Admin.create(clientProperties())) {
                admin.createTopics(List.of("medsync.sync-requests", "medsync.sync-requests.dlq",
                        "medsync.refill-requests", "medsync.refill-requests.dlq", "medsync.outcomes",
                        "medsync.appointment-events", "medsync.dead-letters", "medsync.order-events").stream()
                        .map(name -> new NewTopic(name, 1, (short) 1)).toList()).all().get();
            }
        }

        @Override
        public void close() throws Exception {
            cluster.close();
            proxy.close();
        }
    }
}
