package org.sistercities.testsupport;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.awaitility.Awaitility;
import org.jboss.logging.Logger;

/**
 * One KRaft node (broker and controller combined) running in this JVM, the way {@code kafka.Kafka}
 * runs it, on two fixed loopback ports chosen when it is created.
 *
 * <p>Fixed ports and a kept log directory are what make {@link #stop()} then {@link #start()} look to
 * clients like a broker that went away and came back: same address, same topics and records. Kafka's
 * own test kit pre-binds its sockets on every interface and restarts only the broker half, which is
 * why this class does not use it.
 */
final class EmbeddedKafkaBroker {

    private static final Logger LOG = Logger.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final String host = LoopbackPorts.loopback().getHostAddress();
    private final int brokerPort = LoopbackPorts.freePort();
    private final int controllerPort = LoopbackPorts.freePortOtherThan(brokerPort);
    private final Path logDirectory = TempDirectories.create("sci-kafka-");
    private final KafkaConfig config = new KafkaConfig(serverProperties(), false);
    private KafkaRaftServer server;

    EmbeddedKafkaBroker() {
        keepBrokerFaultsInsideTheJvm();
        format();
    }

    String bootstrapServers() {
        return host + ":" + brokerPort;
    }

    /** Starts the node and returns once a metadata request is answered. */
    synchronized void start() {
        if (server != null) {
            return;
        }
        long started = System.nanoTime();
        KafkaRaftServer starting = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            starting.startup();
        } catch (RuntimeException e) {
            starting.shutdown();
            starting.awaitShutdown();
            throw e;
        }
        server = starting;
        awaitReady();
        LOG.infof("Embedded Kafka broker ready on %s in %d ms", bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** Stops the node and waits until its ports are closed; the data stays for {@link #start()}. */
    synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    void shutdown() {
        try {
            stop();
        } finally {
            TempDirectories.deleteRecursively(logDirectory);
        }
    }

    private Map<String, Object> serverProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + host + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPort);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDirectory.toString());
        props.put("auto.create.topics.enable", "true");
        // A single node can hold only one replica of Kafka's internal topics.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        // Consumers in tests join alone: waiting 3 s for more members only slows every test.
        props.put("group.initial.rebalance.delay.ms", "0");
        // The log cleaner's default 128 MB buffer would come out of the test JVM's heap.
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "2");
        return props;
    }

    private void format() {
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(logDirectory.toString())
                    .addDirectory(logDirectory.toString())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format Kafka storage in " + logDirectory, e);
        }
    }

    private void awaitReady() {
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000);
        try (Admin admin = Admin.create(adminConfig)) {
            Awaitility.await("Kafka broker on " + bootstrapServers() + " answers metadata requests")
                    .atMost(READY_TIMEOUT)
                    .pollInterval(Duration.ofMillis(100))
                    .pollInSameThread()
                    .ignoreExceptions()
                    .until(() -> !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty());
        }
    }

    /**
     * A broker fault ends the process in production ({@code Exit.halt}); here the process is the test
     * JVM, and halting it would lose every test report. Failing tests show the fault instead.
     */
    private static void keepBrokerFaultsInsideTheJvm() {
        Exit.setExitProcedure((status, message) ->
                LOG.errorf("Kafka asked to exit the JVM with status %d (%s); ignored in tests", status, message));
        Exit.setHaltProcedure((status, message) ->
                LOG.errorf("Kafka asked to halt the JVM with status %d (%s); ignored in tests", status, message));
    }
}
